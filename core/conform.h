/* SPDX-License-Identifier: MIT */
/*
 * conform.h - what every conform source file includes first.
 *
 * It pulls in config.h and the few headers that make the project's
 * conventions (DESIGN.md) concrete: the error convention (error.h) and
 * the allocation and string-building helpers (mem.h).  Module headers
 * (date.h, store.h, ...) are included where they are used.
 *
 * Ownership rule, stated once for the whole code base: a result returned
 * through a `T **out` parameter, or by a function named *_new, *_load or
 * *_detach, belongs to the caller, who releases it with the matching
 * *_free (which accepts NULL).  Everything returned as `const T *` is
 * borrowed from its parent object and lives as long as the parent.
 */
#ifndef CONFORM_H
#define CONFORM_H

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "mem.h"

#define CF_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#if defined(__GNUC__)
#define CF_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define CF_UNUSED __attribute__((unused))
#else
#define CF_PRINTF(f, a)
#define CF_UNUSED
#endif

#endif
