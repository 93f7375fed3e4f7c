/* SPDX-License-Identifier: MIT */
/*
 * store-schema.h - access to the ordered migration steps (internal to
 * core/store*.c).
 */
#ifndef CF_STORE_SCHEMA_H
#define CF_STORE_SCHEMA_H

#include <stddef.h>

size_t cf_store_schema_count(void);
const char *cf_store_schema_step(size_t i);

#endif
