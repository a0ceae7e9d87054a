// SPDX-License-Identifier: MIT
/*
 * Buffered stdio following glibc's rules (see stdio.h).  A FILE's buffer
 * holds pending output (len bytes) or unread input (rpos..rend), never
 * both: this little libc only writes to stdout/stderr and reads stdin.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>

struct _FILE {
	int fd;
	int mode;		/* _IOFBF, _IOLBF, _IONBF; -1 until first use */
	char *buf;
	size_t size;
	size_t len;		/* output bytes waiting in buf */
	size_t rpos, rend;	/* input: unread bytes are buf[rpos..rend) */
	int eof, err;
};

static char stdin_buf[BUFSIZ], stdout_buf[BUFSIZ];
static FILE files[3] = {
	{ 0, -1, stdin_buf, BUFSIZ, 0, 0, 0, 0, 0 },
	{ 1, -1, stdout_buf, BUFSIZ, 0, 0, 0, 0, 0 },
	{ 2, _IONBF, NULL, 0, 0, 0, 0, 0, 0 },
};
FILE *stdin = &files[0], *stdout = &files[1], *stderr = &files[2];

/* glibc decides at the first I/O: a terminal gets line buffering. */
static void init_mode(FILE *f)
{
	if (f->mode < 0)
		f->mode = isatty(f->fd) ? _IOLBF : _IOFBF;
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);

		if (w < 0)
			return -1;
		p += w;
		n -= w;
	}
	return 0;
}

int fflush(FILE *f)
{
	int r = 0;

	if (!f) {
		r |= fflush(stdout);
		r |= fflush(stderr);
		return r;
	}
	if (f->len) {
		r = write_all(f->fd, f->buf, f->len);
		f->len = 0;
		if (r)
			f->err = 1;
	}
	return r ? EOF : 0;
}

int setvbuf(FILE *f, char *buf, int mode, size_t size)
{
	if (mode != _IOFBF && mode != _IOLBF && mode != _IONBF)
		return -1;
	fflush(f);
	f->mode = mode;
	if (buf && size) {
		f->buf = buf;
		f->size = size;
	} else if (f->fd == 1) {
		f->buf = stdout_buf;
		f->size = BUFSIZ;
	} else if (f->fd == 0) {
		f->buf = stdin_buf;
		f->size = BUFSIZ;
	}
	if (!f->buf)
		f->mode = _IONBF;
	return 0;
}

void setbuf(FILE *f, char *buf)
{
	setvbuf(f, buf, buf ? _IOFBF : _IONBF, BUFSIZ);
}

size_t fwrite(const void *p, size_t size, size_t n, FILE *f)
{
	const char *s = p;
	size_t total = size * n;

	init_mode(f);
	if (f->mode == _IONBF) {
		fflush(f);
		return write_all(f->fd, s, total) ? 0 : n;
	}
	for (size_t i = 0; i < total; i++) {
		if (f->len == f->size && fflush(f))
			return i / (size ? size : 1);
		f->buf[f->len++] = s[i];
		if (s[i] == '\n' && f->mode == _IOLBF && fflush(f))
			return i / (size ? size : 1);
	}
	return n;
}

int fputc(int c, FILE *f)
{
	char ch = (char)c;

	return fwrite(&ch, 1, 1, f) == 1 ? (unsigned char)c : EOF;
}

int putc(int c, FILE *f) { return fputc(c, f); }
int putchar(int c) { return fputc(c, stdout); }

int fputs(const char *s, FILE *f)
{
	size_t n = strlen(s);

	return fwrite(s, 1, n, f) == n ? 0 : EOF;
}

int puts(const char *s)
{
	if (fputs(s, stdout))
		return EOF;
	return fputc('\n', stdout) == EOF ? EOF : 0;
}

/*
 * Before reading from a line-buffered or unbuffered stream, glibc
 * flushes stdout if it is line buffered: a prompt shows up before the
 * program waits for the answer.
 */
static int underflow(FILE *f)
{
	ssize_t n;

	init_mode(f);
	if (f->mode != _IOFBF) {
		init_mode(stdout);
		if (stdout->mode == _IOLBF)
			fflush(stdout);
	}
	n = read(f->fd, f->buf, f->size);
	if (n <= 0) {
		if (n == 0)
			f->eof = 1;
		else
			f->err = 1;
		return EOF;
	}
	f->rpos = 0;
	f->rend = n;
	return 0;
}

int fgetc(FILE *f)
{
	if (f->rpos == f->rend && underflow(f))
		return EOF;
	return (unsigned char)f->buf[f->rpos++];
}

int getchar(void)
{
	return fgetc(stdin);
}

char *fgets(char *s, int n, FILE *f)
{
	int i = 0;

	while (i < n - 1) {
		int c = fgetc(f);

		if (c == EOF)
			break;
		s[i++] = (char)c;
		if (c == '\n')
			break;
	}
	if (i == 0)
		return NULL;
	s[i] = 0;
	return s;
}

int feof(FILE *f)
{
	return f->eof;
}

/* --- formatting --- */

struct sink {
	FILE *f;		/* write through stdio, or ... */
	char *buf;		/* ... into a string */
	size_t size, len;
};

static void emit(struct sink *o, const char *s, size_t n)
{
	if (o->f) {
		fwrite(s, 1, n, o->f);
	} else {
		for (size_t i = 0; i < n; i++, o->len++)
			if (o->len + 1 < o->size)
				o->buf[o->len] = s[i];
		return;
	}
	o->len += n;
}

static void pad(struct sink *o, char c, int n)
{
	while (n-- > 0)
		emit(o, &c, 1);
}

static int format(struct sink *o, const char *fmt, va_list ap)
{
	for (; *fmt; fmt++) {
		int left = 0, zero = 0, plus = 0, space = 0, alt = 0;
		int width = 0, prec = -1, lng = 0;
		char tmp[24], *digits;
		const char *s;
		size_t n;

		if (*fmt != '%') {
			const char *start = fmt;

			while (fmt[1] && fmt[1] != '%')
				fmt++;
			emit(o, start, fmt - start + 1);
			continue;
		}
		for (fmt++;; fmt++) {
			if (*fmt == '-') left = 1;
			else if (*fmt == '0') zero = 1;
			else if (*fmt == '+') plus = 1;
			else if (*fmt == ' ') space = 1;
			else if (*fmt == '#') alt = 1;
			else break;
		}
		if (*fmt == '*') {
			width = va_arg(ap, int);
			fmt++;
		} else {
			while (*fmt >= '0' && *fmt <= '9')
				width = width * 10 + *fmt++ - '0';
		}
		if (*fmt == '.') {
			prec = 0;
			if (*++fmt == '*') {
				prec = va_arg(ap, int);
				fmt++;
			} else {
				while (*fmt >= '0' && *fmt <= '9')
					prec = prec * 10 + *fmt++ - '0';
			}
		}
		for (;; fmt++) {
			if (*fmt == 'l' || *fmt == 'z' || *fmt == 't' || *fmt == 'j') lng++;
			else if (*fmt != 'h') break;
		}
		switch (*fmt) {
		case 'd': case 'i': case 'u': case 'x': case 'X': case 'o': case 'p': {
			unsigned long v;
			int neg = 0, base = 10;
			const char *set = "0123456789abcdef";
			char sign = 0;
			int len;

			if (*fmt == 'p') {
				v = (unsigned long)va_arg(ap, void *);
				base = 16;
				alt = 1;
			} else if (*fmt == 'd' || *fmt == 'i') {
				long sv = lng ? va_arg(ap, long) : va_arg(ap, int);
				neg = sv < 0;
				v = neg ? -(unsigned long)sv : (unsigned long)sv;
			} else {
				v = lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned int);
				base = *fmt == 'u' ? 10 : *fmt == 'o' ? 8 : 16;
				if (*fmt == 'X')
					set = "0123456789ABCDEF";
			}
			digits = tmp + sizeof(tmp);
			do {
				*--digits = set[v % base];
				v /= base;
			} while (v);
			if (prec == 0 && digits[0] == '0' && digits[1] == 0 && *fmt != 'p')
				digits++;
			len = tmp + sizeof(tmp) - digits;
			sign = neg ? '-' : plus ? '+' : space ? ' ' : 0;
			{
				int prefix = (sign ? 1 : 0) + (alt && base == 16 ? 2 : 0);
				int zeros = prec > len ? prec - len : 0;

				if (prec < 0 && zero && !left)
					zeros = width - prefix - len > 0 ? width - prefix - len : 0;
				if (!left)
					pad(o, ' ', width - prefix - zeros - len);
				if (sign)
					emit(o, &sign, 1);
				if (alt && base == 16)
					emit(o, *fmt == 'X' ? "0X" : "0x", 2);
				pad(o, '0', zeros);
				emit(o, digits, len);
				if (left)
					pad(o, ' ', width - prefix - zeros - len);
			}
			break;
		}
		case 'c':
			tmp[0] = (char)va_arg(ap, int);
			s = tmp;
			n = 1;
			goto string;
		case 's':
			s = va_arg(ap, const char *);
			if (!s)
				s = "(null)";
			for (n = 0; s[n] && (prec < 0 || (int)n < prec); n++)
				;
string:
			if (!left)
				pad(o, ' ', width - (int)n);
			emit(o, s, n);
			if (left)
				pad(o, ' ', width - (int)n);
			break;
		case '%':
			emit(o, "%", 1);
			break;
		case 0:
			fmt--;
			break;
		default:
			emit(o, fmt - 1, 2);
		}
	}
	return (int)o->len;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct sink o = { NULL, buf, size, 0 };
	int n = format(&o, fmt, ap);

	if (size)
		buf[o.len < size ? o.len : size - 1] = 0;
	return n;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

/* Unbuffered streams still get one write per call, as in glibc. */
int vfprintf(FILE *f, const char *fmt, va_list ap)
{
	init_mode(f);
	if (f->mode == _IONBF) {
		char buf[512];
		va_list ap2;
		int n;

		va_copy(ap2, ap);
		n = vsnprintf(buf, sizeof(buf), fmt, ap2);
		va_end(ap2);
		fwrite(buf, 1, n < (int)sizeof(buf) ? (size_t)n : sizeof(buf) - 1, f);
		return n;
	} else {
		struct sink o = { f, NULL, 0, 0 };

		return format(&o, fmt, ap);
	}
}

int fprintf(FILE *f, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprintf(f, fmt, ap);
	va_end(ap);
	return n;
}

int printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprintf(stdout, fmt, ap);
	va_end(ap);
	return n;
}

void perror(const char *s)
{
	if (s && *s)
		fprintf(stderr, "%s: %s\n", s, strerror(errno));
	else
		fprintf(stderr, "%s\n", strerror(errno));
}
