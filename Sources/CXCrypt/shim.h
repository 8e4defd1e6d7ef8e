#ifndef PRESSGATE_CXCRYPT_SHIM_H
#define PRESSGATE_CXCRYPT_SHIM_H
#include <crypt.h>
#endif
