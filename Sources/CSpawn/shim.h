#ifndef PRESSGATE_CSPAWN_SHIM_H
#define PRESSGATE_CSPAWN_SHIM_H
// glibc's posix_spawn and its extension posix_spawn_file_actions_addclosefrom_np (glibc 2.34+),
// which Swift's Glibc module does not show: the sendmail command must not inherit PressGate's
// sockets (the FastCGI listener, MariaDB connections). Used by OutboxDelivery/Sendmail.swift only.
#include <spawn.h>
extern int posix_spawn_file_actions_addclosefrom_np(posix_spawn_file_actions_t *actions, int from);
// pipe2 (glibc, GNU): the pipe's ends are close-on-exec from the start, so no other spawn or exec
// in the process can inherit the write end (sendmail would then never see the end of its input).
extern int pipe2(int pipefd[2], int flags);
#endif
