// SPDX-License-Identifier: MIT
/*
 * MenuOS's menu engine, as in the lab: a linked list of commands,
 * "help" registered first, and a loop that prints the prompt, reads a
 * line, prints "<cmd> - <desc>" and runs the handler.  An unknown command
 * just brings the prompt back.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include "menu.h"

#define CMD_MAX_LEN	128
#define CMD_MAX_ARGV	8

typedef struct DataNode {
	struct DataNode *next;
	const char *cmd;
	const char *desc;
	menu_handler handler;
} tDataNode;

static tDataNode *head, *tail;
static const char *prompt = "MenuOS>>";

static tDataNode *FindCmd(const char *cmd)
{
	for (tDataNode *p = head; p; p = p->next)
		if (!strcmp(p->cmd, cmd))
			return p;
	return NULL;
}

static int ShowAllCmd(void)
{
	printf("Menu List:\n");
	for (tDataNode *p = head; p; p = p->next)
		printf("    * %s - %s\n", p->cmd, p->desc);
	return 0;
}

static int Help(int argc, char *argv[])
{
	(void)argc; (void)argv;
	return ShowAllCmd();
}

int SetPrompt(const char *p)
{
	if (!p)
		return -1;
	prompt = p;
	return 0;
}

int MenuConfig(const char *cmd, const char *desc, menu_handler handler)
{
	tDataNode *node;

	if (!head) {
		head = tail = NULL;
		node = malloc(sizeof(*node));
		*node = (tDataNode){ NULL, "help", "list all commands", Help };
		head = tail = node;
	}
	if (FindCmd(cmd))
		return -1;
	node = malloc(sizeof(*node));
	if (!node)
		return -1;
	*node = (tDataNode){ NULL, cmd, desc, handler };
	tail->next = node;
	tail = node;
	return 0;
}

int RunCommand(int argc, char *argv[])
{
	tDataNode *p = FindCmd(argv[0]);

	if (!p)
		return -1;
	printf("%s - %s\n", p->cmd, p->desc);
	if (p->handler)
		p->handler(argc, argv);
	return 0;
}

/* init's other duty: reap orphans that were handed to it. */
static void reap_orphans(void)
{
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
}

int ExecuteMenu(void)
{
	for (;;) {
		char cmd[CMD_MAX_LEN];
		char *argv[CMD_MAX_ARGV];
		int argc = 0;
		char *pcmd;

		reap_orphans();
		printf("%s", prompt);
		pcmd = fgets(cmd, CMD_MAX_LEN, stdin);
		if (!pcmd)
			continue;
		/* convert cmd to argc/argv */
		for (pcmd = strtok(pcmd, " \t\n"); pcmd && argc < CMD_MAX_ARGV;
		     pcmd = strtok(NULL, " \t\n"))
			argv[argc++] = pcmd;
		if (argc == 0)
			continue;
		argv[argc] = NULL;
		RunCommand(argc, argv);
	}
}
