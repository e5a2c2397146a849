/* libFuzzer harness: the TSV reader (and --latin1 transcoding) must never crash, leak or loop on any bytes. */
#include <stddef.h>
#include <stdint.h>

#include "reader.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rd_reader_config cfg = { .tsv = true, .no_header = true, .latin1 = size & 1,
	    .max_field_bytes = 64 };
	struct rd_reader *r = rd_open_mem("fuzz", data, size, &cfg);
	struct rd_record rec;

	while (rd_next(r, &rec) != 0)
		;
	rd_close(r);
	return 0;
}
