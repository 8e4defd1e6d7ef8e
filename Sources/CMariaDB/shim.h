#ifndef PRESSGATE_CMARIADB_SHIM_H
#define PRESSGATE_CMARIADB_SHIM_H
// Used by the member store (next issues). mysql_library_init is a macro: call mysql_server_init.
#include <mysql.h>
#include <errmsg.h>
#include <mysqld_error.h>
#endif
