/*
 * Unit tests of common/writer_values.c: whole numbers, scaled and fixed
 * decimals and dates as the writer formats them, against printf.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "writer.h"
#include "writer_capture.h"

/* Every small number, by rd_put_long and rd_put_scaled, as printf writes it. */
static void
put_small_numbers(struct rd_writer *w, const void *arg)
{
	char *want = (char *)arg;
	size_t o = 0;

	for (long long v = -150; v <= 1200; v++) {
		long long a = v < 0 ? -v : v;

		rd_put_long(w, v);
		rd_put_scaled(w, v, 1);
		rd_put_scaled(w, v, 2);
		rd_end_row(w);
		o += (size_t)sprintf(want + o, "%lld,%s%lld.%lld,%s%lld.%02lld\n", v,
		    v < 0 ? "-" : "", a / 10, a % 10, v < 0 ? "-" : "", a / 100, a % 100);
	}
}

START_TEST(small_numbers_as_printf)
{
	static const struct rd_writer_config csv = { 0 };
	static char want[1351 * 40], out[1351 * 40];

	capture(&csv, put_small_numbers, want, out, sizeof out);
	ck_assert(strcmp(out, want) == 0);
}
END_TEST

/*
 * rd_put_fixed against printf on shares, means, ties (0.125, 2.5), values
 * near a half after scaling, negatives, zeros of both signs, big values,
 * inf and nan: the same bytes, "-0.00" written "0.00" as documented.
 */
#define FIXED_VALUES 200000
static double fixed_value(unsigned i, unsigned long long *seed)
{
	static const double special[] = { 0.0, -0.0, 0.125, -0.125, 2.5, 0.5,
	    1.0 / 3, 2.0 / 3, 0.00005, -0.00005, 0.81245, 1e9, 1e15, -1e20,
	    4.5e-7, 123456.789, 0.1 + 0.2 };
	double v;

	if (i < sizeof special / sizeof special[0])
		return special[i];
	*seed = *seed * 6364136223846793005ULL + 1442695040888963407ULL;
	switch (i % 5) {
	case 4:		/* a decimal that ends in 5 one place past d: 1.015 at 2 */
		v = (double)((*seed >> 30 & 0xfffff) * 10 + 5);
		for (unsigned k = 0; k <= i % 7; k++)
			v /= 10;
		return v;
	case 0:		/* a share: k / n */
		return (double)(*seed >> 40 & 1023) / (double)((*seed >> 20 & 1023) + 1);
	case 1:		/* a tie or a near tie at some precision */
		v = (double)(*seed >> 33 & 0xffff) + 0.5;
		return v / (double)(1u << (*seed >> 12 & 15));
	case 2:		/* any finite double of any sign and size */
		memcpy(&v, seed, sizeof v);
		return isfinite(v) ? v : 1.0 / 0.0;
	default:	/* a mean of days, negative half the time */
		v = (double)(*seed >> 30 & 0xfffff) / 7.0;
		return (*seed & 1) ? -v : v;
	}
}

static void
put_fixed_values(struct rd_writer *w, const void *arg)
{
	char *want = (char *)arg, tmp[400];
	unsigned long long seed = 42;
	size_t o = 0;

	for (unsigned i = 0; i < FIXED_VALUES; i++) {
		double v = fixed_value(i, &seed);
		int d = (int)(i % 7), n;

		if (i == 17)
			v = 0.0 / 0.0;
		rd_put_fixed(w, v, d);
		rd_end_row(w);
		n = snprintf(tmp, sizeof tmp, "%.*f", d, v);
		if (tmp[0] == '-' && strspn(tmp + 1, "0.") == (size_t)n - 1)
			memmove(tmp, tmp + 1, (size_t)n--);
		o += (size_t)sprintf(want + o, "%s\n", tmp);
	}
}

START_TEST(fixed_as_printf)
{
	static const struct rd_writer_config csv = { 0 };
	char *want = calloc(FIXED_VALUES, 400), *out = calloc(FIXED_VALUES, 400);
	char *a, *b;

	ck_assert_ptr_nonnull(want);
	ck_assert_ptr_nonnull(out);
	capture(&csv, put_fixed_values, want, out, (size_t)FIXED_VALUES * 400);
	for (a = want, b = out; *a != '\0' && *a == *b; a++, b++)
		;
	while (a > want && a[-1] != '\n') { a--; b--; }
	ck_assert_msg(strcmp(a, b) == 0, "differs at byte %td: want %.60s got %.60s",
	    a - want, a, b);
	free(want);
	free(out);
}
END_TEST

START_TEST(numbers)
{
	FILE *tmp = tmpfile();
	struct rd_writer_config cfg = { 0 };
	struct rd_writer *w = rd_writer_new_config(fileno(tmp), &cfg);
	char out[128];
	size_t n;

	rd_put_long(w, -42);
	rd_put_fixed(w, 0.81249, 4);
	rd_put_fixed(w, -0.00001, 4);
	rd_put_date(w, 0);
	rd_put_scaled(w, 255, 1);
	rd_put_scaled(w, 5, 2);
	rd_put_scaled(w, -7, 1);
	rd_put_scaled(w, 0, 1);
	rd_put_scaled(w, 40, 0);
	rd_put_empty(w);
	rd_end_row(w);
	rd_writer_close(w);
	rewind(tmp);
	n = fread(out, 1, sizeof out - 1, tmp);
	out[n] = '\0';
	fclose(tmp);
	ck_assert_str_eq(out, "-42,0.8125,0.0000,1970-01-01,25.5,0.05,-0.7,0.0,40,\n");
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("writer values");
	TCase *tc = tcase_create("numbers");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, numbers);
	tcase_add_test(tc, fixed_as_printf);
	tcase_add_test(tc, small_numbers_as_printf);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
