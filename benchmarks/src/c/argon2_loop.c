/*
 * The reference C implementation (Debian's libargon2, the library behind the argon2 CLI) hashing in a loop inside
 * one warm process: the per-hash physical limit to compare a JVM binding against, without process start-up or the
 * first-touch page faults a fresh CLI process pays. Usage: argon2_loop t m_kib p warmup measured
 */
#include <argon2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int compare(const void *a, const void *b) {
    double x = *(const double *) a, y = *(const double *) b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    if (argc != 6) {
        fprintf(stderr, "usage: %s t m_kib p warmup measured\n", argv[0]);
        return 2;
    }
    uint32_t t = (uint32_t) atoi(argv[1]), m = (uint32_t) atoi(argv[2]), p = (uint32_t) atoi(argv[3]);
    int warmup = atoi(argv[4]), measured = atoi(argv[5]);
    const char *password = "correct horse battery staple";
    uint8_t salt[16], hash[32];
    double *times = calloc((size_t) measured, sizeof(double));
    double sum = 0;
    for (int i = 0; i < warmup + measured; i++) {
        for (int j = 0; j < 16; j++) {
            salt[j] = (uint8_t) rand();
        }
        struct timespec start, end;
        clock_gettime(CLOCK_MONOTONIC, &start);
        int rc = argon2id_hash_raw(t, m, p, password, strlen(password), salt, sizeof salt, hash, sizeof hash);
        clock_gettime(CLOCK_MONOTONIC, &end);
        if (rc != ARGON2_OK) {
            fprintf(stderr, "argon2: %s\n", argon2_error_message(rc));
            return 1;
        }
        if (i >= warmup) {
            double ms = (end.tv_sec - start.tv_sec) * 1e3 + (end.tv_nsec - start.tv_nsec) / 1e6;
            times[i - warmup] = ms;
            sum += ms;
        }
    }
    qsort(times, (size_t) measured, sizeof(double), compare);
    double median = measured % 2 ? times[measured / 2] : (times[measured / 2 - 1] + times[measured / 2]) / 2;
    printf("%.3f %.3f\n", median, sum / measured);
    free(times);
    return 0;
}
