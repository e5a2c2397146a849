/*
 * Outputs that would destroy an input, the log or another output.
 *
 * A tool names every file it reads (rd_file_input) and every file it will
 * write (rd_file_output) before anything is opened for writing;
 * rd_files_check() then refuses, as a usage error (exit 2), an output that
 * is the same file as an input or as another output: the same device and
 * inode, so hard links and symlinks are caught, not only equal spellings.
 * Two outputs that do not exist yet are the same when they name the same
 * entry of the same directory.  Standard input (when the tool reads it) and
 * standard output count when they are regular files.  Files that are not
 * regular (/dev/null, FIFOs, terminals) never conflict.  --rejects and the
 * --map files are taken from rd_opt; rd_opts_done() calls rd_files_check().
 * Paths are borrowed: they must live until the check (argv does).
 */
#ifndef RD_SAMEFILE_H
#define RD_SAMEFILE_H

/*
 * role: how the user named it ("--episodes", "the input"); path "-" is
 * standard input, NULL nothing (an option not given).
 */
void rd_file_input(const char *role, const char *path);
/* The operands of a tool that reads them, or standard input when there are none. */
void rd_file_inputs(int n, char *const *paths);
void rd_file_output(const char *role, const char *path);
/* Exits 2 naming both files when an output is an input or another output. */
void rd_files_check(void);

#endif
