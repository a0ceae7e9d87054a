// SPDX-License-Identifier: MIT
/*
 * The console tty: /dev/console on fds 0, 1 and 2 of init
 * (drivers/tty/tty_io.c and n_tty.c, reduced to one terminal in
 * canonical mode).
 *
 * Input bytes come from the UART interrupt.  As a Linux tty with the
 * default termios does, we map CR to NL (ICRNL), echo what is typed
 * (ECHO, with NL echoed as CR NL), handle backspace (ERASE) and ^D (EOF),
 * and hand a reader one line at a time.  Output maps NL to CR NL (ONLCR).
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/sched.h>
#include <linux/tty.h>
#include <linux/uaccess.h>
#include <linux/errno.h>
#include <linux/of_fdt.h>
#include <linux/init.h>
#include <asm/timex.h>

#define N_TTY_BUF_SIZE	4096
#define TCGETS		0x5401
#define TIOCGWINSZ	0x5413

static struct {
	char buf[N_TTY_BUF_SIZE];	/* circular: committed lines, then the line being edited */
	unsigned int head;		/* next byte a reader takes */
	unsigned int commit;		/* end of the committed (readable) bytes */
	unsigned int tail;		/* end of the line being edited */
	unsigned int eof_pending;	/* ^D seen at the start of a line */
	struct wait_queue_head read_wait;
} tty;

static void echo(char c)
{
	console_putchar(c);
}

/* Called from the UART interrupt for each received byte. */
void tty_receive_char(unsigned char c)
{
	if (c == '\r')
		c = '\n';			/* ICRNL */
	if (c == 0x7f || c == '\b') {		/* ERASE */
		if (tty.tail != tty.commit) {
			tty.tail--;
			echo('\b'); echo(' '); echo('\b');
		}
		return;
	}
	if (c == 0x04) {			/* VEOF: push the line out, no byte */
		if (tty.tail == tty.commit)
			tty.eof_pending++;
		tty.commit = tty.tail;
		wake_up(&tty.read_wait);
		return;
	}
	if (tty.tail - tty.head >= N_TTY_BUF_SIZE - 1)
		return;				/* full: drop, as n_tty does */
	tty.buf[tty.tail++ % N_TTY_BUF_SIZE] = (char)c;
	echo((char)c);
	if (c == '\n') {
		tty.commit = tty.tail;
		wake_up(&tty.read_wait);
	}
}

static bool input_available(void)
{
	return tty.head != tty.commit || tty.eof_pending;
}

/* rvlab.instret on the command line: report the boot cost at the first read. */
static void report_boot_instret(void)
{
	static bool done;

	if (done || !strstr(boot_command_line, "rvlab.instret"))
		return;
	done = true;
	printk("\n[rvlab] first console read after %lu instructions\n", get_instret());
}

static ssize_t tty_read(struct file *file, char __user *ubuf, size_t count, loff_t *pos)
{
	char kbuf[128];
	size_t n = 0;
	int ret;

	(void)file; (void)pos;
	report_boot_instret();
	ret = wait_event_interruptible(tty.read_wait, input_available());
	if (ret)
		return ret;
	if (tty.head == tty.commit) {		/* a bare ^D: end of file */
		tty.eof_pending--;
		return 0;
	}
	/* One line at most, as in canonical mode. */
	while (n < count && n < sizeof(kbuf) && tty.head != tty.commit) {
		char c = tty.buf[tty.head++ % N_TTY_BUF_SIZE];

		kbuf[n++] = c;
		if (c == '\n')
			break;
	}
	if (copy_to_user(ubuf, kbuf, n))
		return -EFAULT;
	return n;
}

static ssize_t tty_write(struct file *file, const char __user *ubuf, size_t count, loff_t *pos)
{
	char kbuf[128];
	size_t done = 0;

	(void)file; (void)pos;
	while (done < count) {
		size_t n = min(count - done, sizeof(kbuf));

		if (copy_from_user(kbuf, ubuf + done, n))
			return done ? (ssize_t)done : -EFAULT;
		for (size_t i = 0; i < n; i++)
			console_putchar(kbuf[i]);	/* ONLCR */
		done += n;
	}
	return done;
}

/* Enough of TCGETS for isatty() and libc's choice of line buffering. */
struct termios {
	u32 c_iflag, c_oflag, c_cflag, c_lflag;
	u8 c_line;
	u8 c_cc[19];
};

static long tty_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	(void)file;
	if (cmd == TCGETS) {
		struct termios t = {
			.c_iflag = 0x0500,	/* ICRNL | IXON */
			.c_oflag = 0x0005,	/* OPOST | ONLCR */
			.c_cflag = 0x00bf,	/* B38400 | CS8 | CREAD */
			.c_lflag = 0x8a3b,	/* ISIG ICANON ECHO ECHOE ECHOK ECHOCTL ECHOKE IEXTEN */
			.c_cc = { 3, 28, 127, 21, 4, 0, 1 },
		};
		return copy_to_user((void __user *)arg, &t, sizeof(t)) ? -EFAULT : 0;
	}
	if (cmd == TIOCGWINSZ) {
		u16 ws[4] = { 24, 80, 0, 0 };
		return copy_to_user((void __user *)arg, ws, sizeof(ws)) ? -EFAULT : 0;
	}
	return -ENOTTY;
}

const struct file_operations tty_fops = {
	.read = tty_read,
	.write = tty_write,
	.unlocked_ioctl = tty_ioctl,
};

/* The one open file of the system; it is never freed. */
struct file console_file = {
	.f_count = { 1 },
	.f_op = &tty_fops,
};

void __init tty_init(void)
{
	init_waitqueue_head(&tty.read_wait);
}
