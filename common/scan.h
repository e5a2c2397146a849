/*
 * Structural scan of CSV or TSV bytes in one pass.
 *
 * rd_scan() appends to an index the offset of every byte of buf[from, to)
 * that matters to the reader: the separator, LF, and the bytes that take a
 * line off the fast path or need a closer look (double quote, CR, NUL and
 * every byte from 0x80 up).  The reader then walks the index instead of
 * the bytes: line ends and field separators are where it says, and a line
 * with none of the other bytes is ASCII without quotes, CRs or NULs, so it
 * needs no UTF-8 check.
 *
 * With AVX2 (asked of the CPU at run time) 32 bytes a step, otherwise a
 * portable path 8 bytes a step; both give the same index, byte for byte.
 * RUSDATA_SIMD=0 in the environment, or rd_scan_use_simd(0), makes every
 * scan portable (tests and the differential fuzz harness).
 */
#ifndef RD_SCAN_H
#define RD_SCAN_H

#include <stddef.h>
#include <stdint.h>

struct rd_scan_index {
	uint32_t *pos;		/* offsets into the scanned buffer, ascending */
	size_t n, cap;
};

/*
 * Appends the offsets of the structural bytes of buf[from, to) (see above;
 * sep is ',' ';' or TAB).  Offsets must fit 32 bits: to <= UINT32_MAX.
 */
void rd_scan(struct rd_scan_index *, const char *buf, size_t from, size_t to,
    char sep);
/*
 * How many bytes of s[0, n) are c (the line feeds of a chunk, which the
 * reading thread counts for every chunk), by the same path as rd_scan.
 */
size_t rd_scan_count(const char *s, size_t n, char c);
/* Whether scans use AVX2 now. */
int rd_scan_simd(void);
/* 0: the portable path from now on; 1: AVX2 when the CPU has it. */
void rd_scan_use_simd(int on);
void rd_scan_free(struct rd_scan_index *);

/*
 * The same bytes as bit masks, a 64-bit word per 64 bytes of the buffer
 * (bit i of word w is byte 64w + i): the separators in sep, the other
 * structural bytes (LF, double quote, CR, NUL, from 0x80 up) in other.
 * The reader's fast path walks these for the usual line instead of the
 * index: a field ends at each bit of sep, the line at the first bit of
 * other that is its LF.  Bits are valid for bytes below to.
 */
struct rd_scan_bits {
	uint64_t *sep, *other;
	size_t to, cap;		/* cap: words */
};

/*
 * Sets the bits of buf[from, to) (from is taken down to its word's start;
 * the bytes of that word before from are read again) and bits->to = to.
 * Bytes from to on read as neither kind.  The words are those of the whole
 * buffer up to to (a quarter of its size: 64 KiB for a chunk of 256 KiB),
 * so that they need no moving as reading goes on; keeping only the words
 * from the line being read on cost 1.2% more instructions.
 */
void rd_scan_bits(struct rd_scan_bits *, const char *buf, size_t from,
    size_t to, char sep);
void rd_scan_bits_free(struct rd_scan_bits *);

#endif
