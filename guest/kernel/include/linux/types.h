/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_TYPES_H
#define _LINUX_TYPES_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <linux/compiler.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;

typedef int pid_t;
typedef unsigned int uid_t;
typedef unsigned int gid_t;
typedef unsigned int gfp_t;
typedef long ssize_t;
typedef long loff_t;
typedef unsigned int umode_t;

/* Single hart, kernel not preemptible: plain ints are atomic enough. */
typedef struct { int counter; } atomic_t;
typedef atomic_t refcount_t;

static inline void atomic_set(atomic_t *v, int i) { v->counter = i; }
static inline int atomic_read(const atomic_t *v) { return v->counter; }
static inline void atomic_inc(atomic_t *v) { v->counter++; }
static inline bool atomic_dec_and_test(atomic_t *v) { return --v->counter == 0; }
#define refcount_set atomic_set
#define refcount_read atomic_read
#define refcount_inc atomic_inc
#define refcount_dec_and_test atomic_dec_and_test

struct list_head {
	struct list_head *next, *prev;
};

struct hlist_head {
	struct hlist_node *first;
};

struct hlist_node {
	struct hlist_node *next, **pprev;
};

#endif
