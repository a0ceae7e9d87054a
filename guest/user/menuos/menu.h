/* SPDX-License-Identifier: MIT */
/*
 * The MenuOS library of the lab: register commands with MenuConfig(),
 * set the prompt with SetPrompt(), run the loop with ExecuteMenu().
 */
#ifndef MENU_H
#define MENU_H

typedef int (*menu_handler)(int argc, char *argv[]);

int SetPrompt(const char *p);
int MenuConfig(const char *cmd, const char *desc, menu_handler handler);
int ExecuteMenu(void);
/* Run one command as if it had been typed (for non-interactive runs). */
int RunCommand(int argc, char *argv[]);

#endif
