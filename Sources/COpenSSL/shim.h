#ifndef PRESSGATE_COPENSSL_SHIM_H
#define PRESSGATE_COPENSSL_SHIM_H
// phpass needs the one-shot MD5(), which OpenSSL 3 marks deprecated; it is still the fastest path
// (see shared/reference/c-libraries.md), so silence the deprecation instead of paying for EVP here.
#define OPENSSL_SUPPRESS_DEPRECATED 1
#include <openssl/crypto.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/md5.h>
#include <openssl/params.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#endif
