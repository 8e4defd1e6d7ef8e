#ifndef PRESSGATE_CARGON2_SHIM_H
#define PRESSGATE_CARGON2_SHIM_H
#include <argon2.h>
#endif
