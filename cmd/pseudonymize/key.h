/*
 * The pseudonymization key: a private file of at least 32 bytes, used
 * byte for byte (a trailing newline is part of the key).  There is no way
 * to pass a key on the command line or in the environment, where other
 * users (ps, /proc) and shell histories would see it.
 */
#ifndef PSEUDO_KEY_H
#define PSEUDO_KEY_H

#include <stddef.h>
#include <sys/types.h>

#define KEY_MIN_BYTES		32
#define KEY_MAX_BYTES		4096	/* more is surely the wrong file */
#define KEYGEN_BYTES		32

/*
 * Why a key file of this type, mode and size must be refused, with how to
 * fix it, written to why; 0 if it is fine, -1 if refused.
 */
int key_check(const char *path, mode_t mode, off_t size, char *why,
    size_t whysz);
/*
 * Reads the key in path into *key (sodium_malloc'd; free it with
 * key_free) after key_check.  Returns 0, or -1 with a message in why.
 */
int key_load(const char *path, unsigned char **key, size_t *len, char *why,
    size_t whysz);
void key_free(unsigned char *key, size_t len);
/*
 * Writes KEYGEN_BYTES random bytes to the new file path, mode 0600, never
 * replacing an existing file.  Returns 0, or -1 with a message in why and
 * *exists set when the file was already there.
 */
int key_generate(const char *path, int *exists, char *why, size_t whysz);

#endif
