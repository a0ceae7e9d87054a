// SPDX-License-Identifier: MIT
/* read, write, writev, ioctl (fs/read_write.c, fs/ioctl.c). */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>

SYSCALL_DEFINE3(read, unsigned int, fd, char __user *, buf, size_t, count)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	if (!f->f_op->read)
		return -EINVAL;
	return f->f_op->read(f, buf, count, &f->f_pos);
}

SYSCALL_DEFINE3(write, unsigned int, fd, const char __user *, buf, size_t, count)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	if (!f->f_op->write)
		return -EINVAL;
	return f->f_op->write(f, buf, count, &f->f_pos);
}

struct iovec {
	void __user *iov_base;
	size_t iov_len;
};

SYSCALL_DEFINE3(writev, unsigned long, fd, const struct iovec __user *, vec,
		unsigned long, vlen)
{
	struct file *f = fget(fd);
	ssize_t total = 0;

	if (!f)
		return -EBADF;
	for (unsigned long i = 0; i < vlen; i++) {
		struct iovec iov;
		ssize_t n;

		if (copy_from_user(&iov, vec + i, sizeof(iov)))
			return total ? total : -EFAULT;
		n = f->f_op->write(f, iov.iov_base, iov.iov_len, &f->f_pos);
		if (n < 0)
			return total ? total : n;
		total += n;
	}
	return total;
}

SYSCALL_DEFINE3(ioctl, unsigned int, fd, unsigned int, cmd, unsigned long, arg)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	if (!f->f_op->unlocked_ioctl)
		return -ENOTTY;
	return f->f_op->unlocked_ioctl(f, cmd, arg);
}
