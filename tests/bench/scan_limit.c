/*
 * scan_limit: the structural-scan limit of the benchmark (issue 17: one
 * core's validate should reach at least a quarter of it).  Reads each
 * file in 4 MiB blocks into one buffer and runs the readers' own
 * structural scan (common/scan.c, AVX2 when the CPU has it) over every
 * block, and does nothing else but count the structural bytes, which it
 * prints so the work cannot be optimised away.  One thread: the speed
 * at which one core could find every separator, line end and quote.
 *
 *	scan_limit [-t] FILE ...	-t: tab-delimited (TSV)
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scan.h"

#define BLOCK (4 << 20)

static int
scan_file(const char *path, char sep, char *buf, struct rd_scan_index *ix,
    unsigned long long *found)
{
	ssize_t got;
	int fd = open(path, O_RDONLY);

	if (fd < 0) {
		fprintf(stderr, "scan_limit: %s: %s\n", path, strerror(errno));
		return -1;
	}
	while ((got = read(fd, buf, BLOCK)) > 0) {
		ix->n = 0;
		rd_scan(ix, buf, 0, (size_t)got, sep);
		*found += ix->n;
	}
	if (got < 0)
		fprintf(stderr, "scan_limit: %s: %s\n", path, strerror(errno));
	close(fd);
	return got < 0 ? -1 : 0;
}

int
main(int argc, char *argv[])
{
	struct rd_scan_index ix = { 0 };
	unsigned long long found = 0;
	char sep = ',', *buf;
	int i = 1, status = 0;

	if (argc > 1 && strcmp(argv[1], "-t") == 0) {
		sep = '\t';
		i++;
	}
	if (i >= argc) {
		fprintf(stderr, "usage: scan_limit [-t] FILE ...\n");
		return 2;
	}
	if ((buf = aligned_alloc(4096, BLOCK)) == NULL) {
		fprintf(stderr, "scan_limit: out of memory\n");
		return 1;
	}
	for (; i < argc; i++)
		if (scan_file(argv[i], sep, buf, &ix, &found) != 0)
			status = 1;
	printf("%llu structural bytes (%s)\n", found,
	    rd_scan_simd() ? "AVX2" : "portable");
	rd_scan_free(&ix);
	free(buf);
	return status;
}
