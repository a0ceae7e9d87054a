/* SPDX-License-Identifier: MIT */
/*
 * Buffered stdio with glibc's rules:
 *   - stdout is line buffered if it is a terminal (isatty), fully
 *     buffered otherwise; decided at its first use;
 *   - stderr is unbuffered;
 *   - reading from a line-buffered or unbuffered input stream first
 *     flushes stdout if stdout is line buffered;
 *   - setvbuf() changes the mode; exit() flushes everything, _exit()
 *     nothing — so a fork() copies whatever is still in the buffer.
 */
#ifndef _STDIO_H
#define _STDIO_H
#include <stddef.h>
#include <stdarg.h>

#define BUFSIZ	1024
#define EOF	(-1)
#define _IOFBF	0	/* fully buffered */
#define _IOLBF	1	/* line buffered */
#define _IONBF	2	/* unbuffered */

typedef struct _FILE FILE;
extern FILE *stdin, *stdout, *stderr;

int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int fprintf(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int vfprintf(FILE *f, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int fputc(int c, FILE *f);
int putc(int c, FILE *f);
int putchar(int c);
int fputs(const char *s, FILE *f);
int puts(const char *s);
size_t fwrite(const void *p, size_t size, size_t n, FILE *f);
int fflush(FILE *f);
int setvbuf(FILE *f, char *buf, int mode, size_t size);
void setbuf(FILE *f, char *buf);
char *fgets(char *s, int n, FILE *f);
int fgetc(FILE *f);
int getchar(void);
int feof(FILE *f);
void perror(const char *s);
#endif
