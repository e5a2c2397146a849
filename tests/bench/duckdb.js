// The DuckDB peer of make bench (tests/bench/run.sh): runs one SQL query
// over CSV or TSV files with 2 threads and writes the result as CSV to
// standard output, as an analyst with `@duckdb/node-api` from npm would.
//
//   node tests/bench/duckdb.js [--tsv] NAME=FILE... SQL
//
// Each NAME=FILE becomes a view NAME over read_csv(FILE) with a header and
// DuckDB's own type detection; --tsv reads tab-separated files.  run.sh
// installs the package into $BUILD/duckdb and sets NODE_PATH to it.
// DUCKDB_THREADS overrides the 2 threads.
'use strict';
const { DuckDBInstance } = require('@duckdb/node-api');

function quote(s) {
	return "'" + s.replace(/'/g, "''") + "'";
}

async function main(argv) {
	let delim = ',';
	const views = [];
	let sql = null;
	for (const a of argv) {
		if (a === '--tsv')
			delim = '\t';
		else if (sql === null && /^[a-z_]+=/.test(a))
			views.push(a);
		else if (sql === null)
			sql = a;
		else
			throw new Error('more than one query: ' + a);
	}
	if (sql === null)
		throw new Error('usage: duckdb.js [--tsv] NAME=FILE... SQL');
	const threads = process.env.DUCKDB_THREADS || '2';
	const db = await DuckDBInstance.create(':memory:', { threads });
	const con = await db.connect();
	for (const v of views) {
		const i = v.indexOf('=');
		await con.run('create view ' + v.slice(0, i) + ' as select * from read_csv(' +
		    quote(v.slice(i + 1)) + ', header = true, delim = ' + quote(delim) + ')');
	}
	// COPY writes the CSV itself: no row passes through JavaScript.
	await con.run('copy (' + sql + ") to '/dev/stdout' (format csv, header)");
}

main(process.argv.slice(2)).catch((e) => {
	process.stderr.write('duckdb.js: ' + e.message + '\n');
	process.exit(1);
});
