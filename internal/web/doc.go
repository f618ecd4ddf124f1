// Package web serves sitrep's situation report over HTTP: server-rendered
// HTML pages (stories, story, event, actor, article, plus lists of
// articles, events and actors) and a JSON API under /api/ for the same
// objects with filters and paging.
//
// Everything is drawn by the server: pages come from html/template files
// embedded in the binary, charts are SVG computed in Go, and the only
// script is one small embedded file. Nothing is fetched from elsewhere, so
// the UI works offline.
//
// Security: the server is read-only (GET and HEAD only; there is no write
// route). Every response carries a strict Content-Security-Policy (no
// inline script or style), X-Content-Type-Options and Referrer-Policy
// headers. Article text is hostile input: it reaches the page only through
// html/template's escaping, highlighted by cutting the text at annotation
// offsets into separately escaped segments, never as template.HTML. Filter
// values reach SQL only as parameters (see store.Querier); malformed ones
// give 400. NewHTTPServer sets read, write and idle timeouts and a header
// size limit, and request bodies are capped.
//
// A Server is safe for concurrent use; it holds no per-request state.
package web
