/*
 * md5_floor.c - practical floor for a phpass ($P$) password check.
 *
 * A plain C CheckPassword (phpass crypt_private, portable mode) built on
 * OpenSSL's one-shot MD5() over one reused buffer: no allocation and no
 * library lookups inside the 8193-MD5 loop. PressGate cannot reasonably
 * beat this, so it is the baseline for "how close to the floor are we".
 *
 *   cc -O2 -o md5_floor bench/md5_floor.c -lcrypto
 *   printf 'correct horse' | ./md5_floor '$P$BabcdefgH8lXzTuDC0.HJ2ay2ddT0x1' 2000
 *
 * stdin is the password (all of it, raw bytes, one trailing '\n' dropped).
 * Output: one TSV line  c-openssl-md5 <iterations> <wall ms/check> <cpu ms/check>
 */
#define OPENSSL_SUPPRESS_DEPRECATED 1 /* MD5() is deprecated in OpenSSL 3 */
#include <openssl/md5.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_PW 4096 /* phpass CheckPassword rejects longer passwords */

static const char itoa64[] =
    "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/* phpass encode64: 3 bytes little-endian -> 4 chars, low 6 bits first;
 * a short last group emits only the chars whose bits exist. */
static char *encode64(char *out, const unsigned char *in, int count)
{
    int i = 0;
    do {
        unsigned v = in[i++];
        *out++ = itoa64[v & 63];
        if (i < count) v |= (unsigned)in[i] << 8;
        *out++ = itoa64[(v >> 6) & 63];
        if (i++ >= count) break;
        if (i < count) v |= (unsigned)in[i] << 16;
        *out++ = itoa64[(v >> 12) & 63];
        if (i++ >= count) break;
        *out++ = itoa64[(v >> 18) & 63];
    } while (i < count);
    return out;
}

/*
 * phpass crypt_private. buf must hold 16 + pwlen bytes and already contain
 * the password at buf+16 (the caller sets that up once). Writes the 34-char
 * hash plus NUL into out, or "*0"/"*1" for an unusable setting.
 */
static void crypt_private(unsigned char *buf, size_t pwlen,
                          const char *setting, char out[35])
{
    strcpy(out, strncmp(setting, "*0", 2) == 0 ? "*1" : "*0");
    if (strncmp(setting, "$P$", 3) != 0 && strncmp(setting, "$H$", 3) != 0)
        return;
    const char *p = setting[3] ? strchr(itoa64, setting[3]) : NULL;
    if (!p || p - itoa64 < 7 || p - itoa64 > 30)
        return;
    unsigned long count = 1UL << (p - itoa64);
    if (strnlen(setting + 4, 8) != 8)
        return;

    /* h = md5(salt . password): the 8 salt chars sit just before the password */
    memcpy(buf + 8, setting + 4, 8);
    MD5(buf + 8, 8 + pwlen, buf);
    /* count times: h = md5(h . password), h written back in place at buf[0..16) */
    do {
        MD5(buf, 16 + pwlen, buf);
    } while (--count);

    memcpy(out, setting, 12);
    *encode64(out + 12, buf, 16) = '\0';
}

/* CheckPassword: the crypt() fallback for non-phpass hashes is left out. */
static int check_password(unsigned char *buf, size_t pwlen, const char *stored)
{
    char h[35];
    crypt_private(buf, pwlen, stored, h);
    return h[0] != '*' && strcmp(h, stored) == 0;
}

static double ms(const struct timespec *a, const struct timespec *b)
{
    return (b->tv_sec - a->tv_sec) * 1e3 + (b->tv_nsec - a->tv_nsec) / 1e6;
}

int main(int argc, char **argv)
{
    char *end;
    long iters = argc == 3 ? strtol(argv[2], &end, 10) : 0;
    if (argc != 3 || *end || iters <= 0) {
        fprintf(stderr, "usage: %s HASH ITERATIONS < password\n", argv[0]);
        return 2;
    }
    const char *stored = argv[1];

    /* buffer layout: [16 bytes: salt or running hash][password] */
    static unsigned char buf[16 + MAX_PW + 1];
    size_t pwlen = fread(buf + 16, 1, MAX_PW + 1, stdin);
    if (pwlen > 0 && buf[16 + pwlen - 1] == '\n')
        pwlen--;
    if (pwlen > MAX_PW) {
        fprintf(stderr, "password longer than %d bytes\n", MAX_PW);
        return 2;
    }

    /* prove this computes real phpass before timing it */
    if (!check_password(buf, pwlen, stored)) {
        char h[35];
        crypt_private(buf, pwlen, stored, h);
        fprintf(stderr, "hash mismatch: computed %s, expected %s\n", h, stored);
        return 1;
    }

    struct timespec w0, w1, c0, c1;
    long ok = 0;
    clock_gettime(CLOCK_MONOTONIC, &w0);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
    for (long i = 0; i < iters; i++)
        ok += check_password(buf, pwlen, stored);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
    clock_gettime(CLOCK_MONOTONIC, &w1);
    if (ok != iters) { /* also keeps the loop's result live */
        fprintf(stderr, "check failed during timing (%ld/%ld)\n", ok, iters);
        return 1;
    }

    printf("c-openssl-md5\t%ld\t%.4f\t%.4f\n", iters,
           ms(&w0, &w1) / iters, ms(&c0, &c1) / iters);
    return 0;
}
