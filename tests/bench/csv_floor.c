/*
 * csv_floor: the floor of the benchmark.  Parses each file with libcsv
 * (strict mode, 1 MiB reads) and does nothing else but count fields and
 * records, which it prints so the work cannot be optimised away.
 *
 *	csv_floor [-t] FILE ...		-t: tab-delimited (TSV)
 */
#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define READ_SIZE (1 << 20)

struct counts {
	unsigned long long fields, records;
};

static void
on_field(void *s, size_t len, void *data)
{
	(void)s;
	(void)len;
	((struct counts *)data)->fields++;
}

static void
on_record(int c, void *data)
{
	(void)c;
	((struct counts *)data)->records++;
}

static int
parse_file(const char *path, unsigned char delim, char *buf, struct counts *n)
{
	struct csv_parser p;
	ssize_t got;
	int fd = open(path, O_RDONLY);

	if (fd < 0) {
		fprintf(stderr, "csv_floor: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (csv_init(&p, CSV_STRICT) != 0) {
		fprintf(stderr, "csv_floor: csv_init failed\n");
		close(fd);
		return -1;
	}
	csv_set_delim(&p, delim);
	while ((got = read(fd, buf, READ_SIZE)) > 0)
		if (csv_parse(&p, buf, (size_t)got, on_field, on_record, n) !=
		    (size_t)got) {
			fprintf(stderr, "csv_floor: %s: %s\n", path,
			    csv_strerror(csv_error(&p)));
			break;
		}
	if (got < 0)
		fprintf(stderr, "csv_floor: %s: %s\n", path, strerror(errno));
	csv_fini(&p, on_field, on_record, n);
	csv_free(&p);
	close(fd);
	return got < 0 ? -1 : 0;
}

int
main(int argc, char *argv[])
{
	unsigned char delim = ',';
	struct counts n = { 0, 0 };
	char *buf;
	int i = 1, status = 0;

	if (argc > 1 && strcmp(argv[1], "-t") == 0) {
		delim = '\t';
		i++;
	}
	if (i >= argc) {
		fprintf(stderr, "usage: csv_floor [-t] FILE ...\n");
		return 2;
	}
	if ((buf = malloc(READ_SIZE)) == NULL) {
		fprintf(stderr, "csv_floor: out of memory\n");
		return 1;
	}
	for (; i < argc; i++)
		if (parse_file(argv[i], delim, buf, &n) != 0)
			status = 1;
	printf("%llu records, %llu fields\n", n.records, n.fields);
	free(buf);
	return status;
}
