#ifndef PRESSGATE_CCRACK_SHIM_H
#define PRESSGATE_CCRACK_SHIM_H
// cracklib: the common-password and dictionary check of PressGate's password policy.
#include <stddef.h>  // crack.h uses size_t without including it
#include <crack.h>
#endif
