/*
 * Fixed-input outputs of one libargon2 build, to check that builds (and bindings) compute the same function:
 *   p1       Argon2id v1.3, t=2, m=19456 KiB, p=1, 32 bytes, password "correct horse battery staple",
 *            salt "trustpack-salt16" (argon2id_hash_raw, as argon2_loop.c times it);
 *   rfc9106  the Argon2id test vector of RFC 9106 section 5.3 (t=3, m=32 KiB, p=4, secret and associated data,
 *            through argon2_ctx).
 * Prints "p1 HEX" and "rfc9106 HEX". Usage: argon2_vectors (no arguments).
 */
#include <argon2.h>
#include <stdio.h>
#include <string.h>

static void print_hex(const char *name, const uint8_t *bytes, size_t length) {
    printf("%s ", name);
    for (size_t i = 0; i < length; i++) {
        printf("%02x", bytes[i]);
    }
    printf("\n");
}

int main(void) {
    const char *password = "correct horse battery staple", *salt = "trustpack-salt16";
    uint8_t out[32];
    int rc = argon2id_hash_raw(2, 19456, 1, password, strlen(password), salt, strlen(salt), out, sizeof out);
    if (rc != ARGON2_OK) {
        fprintf(stderr, "argon2: %s\n", argon2_error_message(rc));
        return 1;
    }
    print_hex("p1", out, sizeof out);

    uint8_t pwd[32], rfc_salt[16], secret[8], ad[12];
    memset(pwd, 1, sizeof pwd);
    memset(rfc_salt, 2, sizeof rfc_salt);
    memset(secret, 3, sizeof secret);
    memset(ad, 4, sizeof ad);
    argon2_context context = {
        out, sizeof out, pwd, sizeof pwd, rfc_salt, sizeof rfc_salt, secret, sizeof secret, ad, sizeof ad,
        3, 32, 4, 4, ARGON2_VERSION_13, NULL, NULL, ARGON2_DEFAULT_FLAGS
    };
    rc = argon2_ctx(&context, Argon2_id);
    if (rc != ARGON2_OK) {
        fprintf(stderr, "argon2: %s\n", argon2_error_message(rc));
        return 1;
    }
    print_hex("rfc9106", out, sizeof out);
    return 0;
}
