// Package progress shows how a long run is going: a one-line bar redrawn
// in place when the output is a terminal, plain timestamped log lines
// otherwise (CI logs, pipes), and one line per rejected input either way.
package progress
