/*
 * Large tables probed in no order (hash tables of ids): on huge pages
 * where the system gives them on request.  With 4 KiB pages every probe
 * of a table of megabytes is also a TLB miss, the prefetch stalling on
 * the page walk.  rd_big_alloc(bytes) returns uninitialised memory,
 * fresh 2 MiB-aligned pages of its own (mmap, MADV_HUGEPAGE) from
 * RD_BIG_MIN bytes, since memory the heap has used keeps its small pages
 * whatever madvise says, and malloc's below it; rd_big_free(p, bytes)
 * takes the same size back.  Out of memory ends the tool (diag.h).
 */
#ifndef RD_BIGMEM_H
#define RD_BIGMEM_H

#include <stdbool.h>
#include <stddef.h>

#define RD_BIG_MIN ((size_t)2 << 20)

void *rd_big_alloc(size_t bytes);
/*
 * The same, zeroed: a large table whose empty slots are zero bytes
 * needs no pass that marks them (fresh pages are zero), so it can be
 * used at once while another thread faults its pages in.
 */
void *rd_big_zalloc(size_t bytes);
void rd_big_free(void *p, size_t bytes);
/*
 * An array of old bytes at p (rd_big_alloc'd, or NULL with old 0) moved
 * to a new one of bytes (its first min(old, bytes) bytes kept), for
 * arrays that grow to megabytes: rd_big_alloc's, freed with that size.
 */
void *rd_big_realloc(void *p, size_t old, size_t bytes);
/*
 * Arrays filled in a stream and grown by doubling to hundreds of
 * megabytes (collect.h's rows): a mapping of their own, of any size,
 * grown or shrunk by mremap (no byte copied, no page faulted twice),
 * and, when huge is true, on huge pages from RD_BIG_MIN bytes.  With
 * 4 KiB pages, filling them was a page fault every 4 KiB, and on a
 * virtual machine a fault costs microseconds: measured, 161,089 faults
 * and 1.2 s of system time in urine-track --summary on 11.7 million rows
 * in no order.  Not huge for many arrays filled at once (collect.c's
 * buckets): each would hold up to a huge page it does not use.
 * rd_map_grow(NULL, 0, bytes, huge) maps a new one; rd_map_free takes
 * the size it was last given.
 */
void *rd_map_grow(void *p, size_t old, size_t bytes, bool huge);
void rd_map_free(void *p, size_t bytes);
/*
 * Bytes [from, to) of such a mapping about to be written: their pages
 * made in one call (MADV_POPULATE_WRITE, Linux 5.14) rather than a fault
 * each, about half the time on a virtual machine.  A hint: where the
 * system does not take it, the pages fault in as they are written.
 */
void rd_map_populate(void *p, size_t from, size_t to);

#endif
