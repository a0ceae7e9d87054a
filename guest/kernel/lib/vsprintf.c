// SPDX-License-Identifier: MIT
/*
 * vsnprintf (lib/vsprintf.c, the subset we use): %d %i %u %x %X %o %p %s
 * %c %%, with flags '-' and '0', a width, and the l, ll, z, h modifiers.
 */
#include <linux/kernel.h>
#include <linux/string.h>

struct out {
	char *buf;
	size_t size, len;
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_number(struct out *o, unsigned long long v, int base, bool neg,
		       int width, bool zero, bool left, bool upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0;

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	if (neg)
		width--;
	if (!left && !zero)
		for (int i = n; i < width; i++)
			put(o, ' ');
	if (neg)
		put(o, '-');
	if (!left && zero)
		for (int i = n; i < width; i++)
			put(o, '0');
	while (n)
		put(o, tmp[--n]);
	/* left alignment: vsnprintf pads after the field */
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	struct out o = { buf, size, 0 };

	for (; *fmt; fmt++) {
		bool zero = false, left = false;
		int width = 0, lng = 0;
		size_t start;

		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		fmt++;
		for (;; fmt++) {
			if (*fmt == '0')
				zero = true;
			else if (*fmt == '-')
				left = true;
			else
				break;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		for (;; fmt++) {
			if (*fmt == 'l' || *fmt == 'z')
				lng++;
			else if (*fmt != 'h')
				break;
		}
		start = o.len;
		switch (*fmt) {
		case 'd':
		case 'i': {
			long long v = lng ? va_arg(args, long) : va_arg(args, int);
			put_number(&o, v < 0 ? -(unsigned long long)v : (unsigned long long)v,
				   10, v < 0, width, zero, left, false);
			break;
		}
		case 'u':
		case 'x':
		case 'X':
		case 'o': {
			unsigned long long v = lng ? va_arg(args, unsigned long)
						   : va_arg(args, unsigned int);
			int base = *fmt == 'u' ? 10 : *fmt == 'o' ? 8 : 16;
			put_number(&o, v, base, false, width, zero, left, *fmt == 'X');
			break;
		}
		case 'p':
			put(&o, '0');
			put(&o, 'x');
			put_number(&o, (unsigned long)va_arg(args, void *), 16, false,
				   16, true, false, false);
			break;
		case 's': {
			const char *s = va_arg(args, const char *);
			size_t n;

			if (!s)
				s = "(null)";
			n = strlen(s);
			if (!left)
				for (size_t i = n; i < (size_t)width; i++)
					put(&o, ' ');
			while (*s)
				put(&o, *s++);
			break;
		}
		case 'c':
			put(&o, (char)va_arg(args, int));
			break;
		case '%':
			put(&o, '%');
			break;
		case 0:
			fmt--;
			break;
		default:
			put(&o, '%');
			put(&o, *fmt);
		}
		if (left)
			while (o.len - start < (size_t)width)
				put(&o, ' ');
	}
	if (size)
		buf[o.len < size ? o.len : size - 1] = 0;
	return (int)o.len;
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
