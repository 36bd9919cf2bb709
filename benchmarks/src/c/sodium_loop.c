/*
 * libsodium's Argon2id (crypto_pwhash, ALG_ARGON2ID13; runtime CPU dispatch to its AVX-512F, AVX2, SSSE3 or
 * portable code) hashing in a loop inside one warm process, as argon2_loop.c does for libargon2. libsodium fixes
 * parallelism at 1 and the salt at 16 bytes; memlimit is m_kib * 1024 bytes, opslimit is t.
 * Usage: sodium_loop t m_kib p warmup measured   prints "median_ms mean_ms" (p must be 1)
 *        sodium_loop vector                      prints "p1 HEX": t=2, m=19456 KiB, 32 bytes, password
 *                                                "correct horse battery staple", salt "trustpack-salt16"
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int compare(const void *a, const void *b) {
    double x = *(const double *) a, y = *(const double *) b;
    return (x > y) - (x < y);
}

static int hash(unsigned long long t, size_t m_kib, const char *password, const unsigned char *salt,
                unsigned char *out, size_t length) {
    return crypto_pwhash(out, length, password, strlen(password), salt, t, m_kib * 1024,
                         crypto_pwhash_ALG_ARGON2ID13);
}

int main(int argc, char **argv) {
    const char *password = "correct horse battery staple";
    unsigned char salt[crypto_pwhash_SALTBYTES], out[32];
    if (sodium_init() < 0) {
        fprintf(stderr, "sodium_init failed\n");
        return 1;
    }
    if (argc == 2 && strcmp(argv[1], "vector") == 0) {
        memcpy(salt, "trustpack-salt16", sizeof salt);
        if (hash(2, 19456, password, salt, out, sizeof out) != 0) {
            fprintf(stderr, "crypto_pwhash failed\n");
            return 1;
        }
        printf("p1 ");
        for (size_t i = 0; i < sizeof out; i++) {
            printf("%02x", out[i]);
        }
        printf("\n");
        return 0;
    }
    if (argc != 6 || atoi(argv[3]) != 1) {
        fprintf(stderr, "usage: %s t m_kib 1 warmup measured | %s vector\n", argv[0], argv[0]);
        return 2;
    }
    unsigned long long t = strtoull(argv[1], NULL, 10);
    size_t m = (size_t) strtoull(argv[2], NULL, 10);
    int warmup = atoi(argv[4]), measured = atoi(argv[5]);
    double *times = calloc((size_t) measured, sizeof(double));
    double sum = 0;
    for (int i = 0; i < warmup + measured; i++) {
        for (size_t j = 0; j < sizeof salt; j++) {
            salt[j] = (unsigned char) rand();
        }
        struct timespec start, end;
        clock_gettime(CLOCK_MONOTONIC, &start);
        int rc = hash(t, m, password, salt, out, sizeof out);
        clock_gettime(CLOCK_MONOTONIC, &end);
        if (rc != 0) {
            fprintf(stderr, "crypto_pwhash failed\n");
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
