/* SPDX-License-Identifier: MIT */
#ifndef _STDLIB_H
#define _STDLIB_H
#include <stddef.h>
#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1
void exit(int status) __attribute__((noreturn));
void abort(void) __attribute__((noreturn));
int atexit(void (*fn)(void));
void *malloc(size_t size);
void *calloc(size_t n, size_t size);
void free(void *p);
int atoi(const char *s);
long strtol(const char *s, char **end, int base);
char *getenv(const char *name);
#endif
