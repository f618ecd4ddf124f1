package web

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/sitrep/sitrep/internal/store"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Store is what the server reads: the store contract and its query side.
// Both *sqlite.Store and *postgres.Store implement it.
type Store interface {
	store.Store
	store.Querier
}

// Options configures a Server.
type Options struct {
	// Names turns codes into words; the zero value shows codes. Use
	// DefaultNames for the built-in tables.
	Names Names
	// Logger receives one line per failed request (the details that are
	// not shown to the client); nil uses slog.Default.
	Logger *slog.Logger
	// RequestTimeout bounds the work on one request (default 15 s).
	RequestTimeout time.Duration
}

// Server is the HTTP handler of the web UI and API. It is safe for
// concurrent use.
type Server struct {
	st      Store
	names   Names
	log     *slog.Logger
	timeout time.Duration
	pages   map[string]*template.Template
	handler http.Handler
}

// CSP is the Content-Security-Policy sent with every response: only the
// server's own script, style sheet and images; no inline script or style,
// no plugins, no framing, forms only to the server itself.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"

// maxBodyBytes caps a request body. No route reads one; the cap keeps a
// client from making the server read a large upload it will not use.
const maxBodyBytes = 1 << 20

// pageNames lists the page templates, each parsed with layout.html and
// svg.html.
var pageNames = []string{"stories", "story", "event", "actor", "article", "articles", "events", "actors", "alignments", "error"}

// New returns a server reading st. It parses the embedded templates and
// fails only if they are broken.
func New(st Store, opt Options) (*Server, error) {
	s := &Server{st: st, names: opt.Names, log: opt.Logger, timeout: opt.RequestTimeout, pages: map[string]*template.Template{}}
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.timeout <= 0 {
		s.timeout = 15 * time.Second
	}
	for _, name := range pageNames {
		t, err := template.New(name+".html").Funcs(s.funcs()).ParseFS(templateFS, "templates/layout.html", "templates/svg.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("web: template %s: %w", name, err)
		}
		s.pages[name] = t
	}
	static, err := fs.Sub(staticFS, "static")
	if err != nil {
		return nil, fmt.Errorf("web: static files: %w", err)
	}

	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.page(s.storiesPage))
	mux.HandleFunc("GET /story/{id}", s.page(s.storyPage))
	mux.HandleFunc("GET /event/{id}", s.page(s.eventPage))
	mux.HandleFunc("GET /actor/{code}", s.page(s.actorPage))
	mux.HandleFunc("GET /article/{id}", s.page(s.articlePage))
	mux.HandleFunc("GET /articles", s.page(s.articlesPage))
	mux.HandleFunc("GET /events", s.page(s.eventsPage))
	mux.HandleFunc("GET /actors", s.page(s.actorsPage))
	mux.HandleFunc("GET /alignments", s.page(s.alignmentsPage))
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))

	mux.HandleFunc("GET /api/{$}", s.api(s.apiIndex))
	mux.HandleFunc("GET /api/stats", s.api(s.apiStats))
	mux.HandleFunc("GET /api/articles", s.api(s.apiArticles))
	mux.HandleFunc("GET /api/articles/{id}", s.api(s.apiArticle))
	mux.HandleFunc("GET /api/events", s.api(s.apiEvents))
	mux.HandleFunc("GET /api/events/{id}", s.api(s.apiEvent))
	mux.HandleFunc("GET /api/quotes", s.api(s.apiQuotes))
	mux.HandleFunc("GET /api/actors", s.api(s.apiActors))
	mux.HandleFunc("GET /api/actors/{code}", s.api(s.apiActor))
	mux.HandleFunc("GET /api/dyads", s.api(s.apiDyads))
	mux.HandleFunc("GET /api/stories", s.api(s.apiStories))
	mux.HandleFunc("GET /api/stories/{id}", s.api(s.apiStory))
	mux.HandleFunc("GET /api/", s.api(func(*http.Request) (any, error) { return nil, store.ErrNotFound }))
	mux.HandleFunc("GET /", s.page(func(*http.Request) (string, any, error) { return "", nil, store.ErrNotFound }))

	s.handler = s.guard(mux)
	return s, nil
}

// ServeHTTP serves one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// NewHTTPServer returns an http.Server for h on addr with timeouts on every
// phase of a connection and a 64 KiB header limit, so that slow or huge
// requests cannot hold the server.
func NewHTTPServer(addr string, h http.Handler) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
}

// guard sets the security headers, allows only GET and HEAD, caps request
// bodies, bounds the request's time and turns a panic into a 500.
func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", CSP)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			h.Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed: this server is read-only", http.StatusMethodNotAllowed)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, maxBodyBytes)
		ctx, cancel := context.WithTimeout(r.Context(), s.timeout)
		defer cancel()
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("web: panic", "path", r.URL.Path, "panic", v, "stack", string(debug.Stack()))
				http.Error(w, "internal error", http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// status maps an error to an HTTP status and a message safe to show: the
// message never holds SQL or store details.
func (s *Server) status(r *http.Request, err error) (int, string) {
	switch {
	case errors.Is(err, errBadRequest):
		return http.StatusBadRequest, err.Error()
	case errors.Is(err, store.ErrBadFilter):
		return http.StatusBadRequest, "bad request: a filter value is malformed"
	case errors.Is(err, store.ErrNotFound):
		return http.StatusNotFound, "not found"
	case errors.Is(err, context.DeadlineExceeded):
		s.log.Warn("web: request timed out", "path", r.URL.Path)
		return http.StatusServiceUnavailable, "the request took too long"
	case errors.Is(err, context.Canceled):
		return 499, "request canceled"
	}
	s.log.Error("web: request failed", "path", r.URL.Path, "query", r.URL.RawQuery, "err", err)
	return http.StatusInternalServerError, "internal error"
}
