#ifndef PRESSGATE_CFASTCGI_SHIM_H
#define PRESSGATE_CFASTCGI_SHIM_H
// Used by the FastCGI adapter (next issues). Write with FCGX_PutStr: FCGX_FPrintF is variadic.
#include <fcgiapp.h>
#endif
