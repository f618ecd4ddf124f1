package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// startServe starts 'sitrep serve' on a free port and returns its base
// URL; the process is stopped when the test ends.
func startServe(t *testing.T, bin, db string) string {
	t.Helper()
	return startServeArgs(t, bin, "--db", db)
}

// startServeArgs is startServe with the store named by flags.
func startServeArgs(t *testing.T, bin string, storeFlags ...string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, append(append([]string{"serve"}, storeFlags...), "--addr", "127.0.0.1:0")...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		cmd.Wait()
		if t.Failed() {
			t.Logf("serve stderr:\n%s", stderr.String())
		}
	})
	line := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		if sc.Scan() {
			line <- sc.Text()
		}
		close(line)
		io.Copy(io.Discard, stdout)
	}()
	select {
	case l := <-line:
		_, rest, ok := strings.Cut(l, "http://")
		if !ok {
			t.Fatalf("serve said %q; stderr: %s", l, stderr.String())
		}
		base := "http://" + strings.Fields(rest)[0]
		return strings.TrimSuffix(base, "/")
	case <-time.After(30 * time.Second):
		t.Fatalf("serve did not start; stderr: %s", stderr.String())
	}
	return ""
}

func httpGet(t *testing.T, u string) (int, string, http.Header) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b), resp.Header
}

func getJSON(t *testing.T, u string, v any) {
	t.Helper()
	code, body, _ := httpGet(t, u)
	if code != 200 {
		t.Fatalf("GET %s: %d %s", u, code, body)
	}
	if err := json.Unmarshal([]byte(body), v); err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
}

// crawl loads every page of a served store: the lists, every story, every
// article, every event (up to 500) and every actor; each must answer 200
// with the security headers. It returns the ID of the story with the most
// articles (preferring event clusters with events) and its event count.
func crawl(t *testing.T, base string) (story string, storyEvents int) {
	t.Helper()
	pages := []string{"/", "/articles", "/events", "/actors", "/api/", "/api/stats"}
	var stories struct {
		Items []struct {
			ID       string   `json:"id"`
			Level    string   `json:"level"`
			Articles []string `json:"articles"`
		} `json:"items"`
	}
	getJSON(t, base+"/api/stories?limit=500", &stories)
	best := -1
	for _, s := range stories.Items {
		pages = append(pages, "/story/"+url.PathEscape(s.ID))
		var ev struct {
			Total int `json:"total"`
		}
		getJSON(t, base+"/api/events?limit=1&story="+url.QueryEscape(s.ID), &ev)
		score := ev.Total*1000 + len(s.Articles)
		if score > best {
			best, story, storyEvents = score, s.ID, ev.Total
		}
	}
	var arts struct {
		Items []struct {
			ID string `json:"id"`
		} `json:"items"`
	}
	getJSON(t, base+"/api/articles?limit=500", &arts)
	for _, a := range arts.Items {
		pages = append(pages, "/article/"+url.PathEscape(a.ID), "/api/articles/"+url.PathEscape(a.ID))
	}
	var evs struct {
		Items []struct {
			ID string `json:"id"`
		} `json:"items"`
	}
	getJSON(t, base+"/api/events?limit=500", &evs)
	for _, e := range evs.Items {
		pages = append(pages, "/event/"+url.PathEscape(e.ID))
	}
	var actors struct {
		Items []struct {
			Code string `json:"code"`
		} `json:"items"`
	}
	getJSON(t, base+"/api/actors?limit=500", &actors)
	for _, a := range actors.Items {
		pages = append(pages, "/actor/"+url.PathEscape(a.Code))
	}
	for _, p := range pages {
		code, body, h := httpGet(t, base+p)
		if code != 200 {
			t.Errorf("GET %s: %d %.300s", p, code, body)
		}
		if !strings.Contains(h.Get("Content-Security-Policy"), "script-src 'self'") || h.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("GET %s: security headers missing", p)
		}
	}
	t.Logf("%s: %d pages (%d stories, %d articles, %d events, %d actors) answered 200",
		base, len(pages), len(stories.Items), len(arts.Items), len(evs.Items), len(actors.Items))
	return story, storyEvents
}

// TestServeEndToEnd runs the real binary: 'sitrep demo --keep', 'sitrep
// serve' on the example corpus (and on the seed fixture when present),
// loads every page, then drives headless Chromium to load the story page,
// save a screenshot and dump the DOM, which must hold the timeline and
// network charts when the story has events.
func TestServeEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and starts a server")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	if out, errOut, code := runBin(t, bin, "demo", "--keep", dir); code != 0 {
		t.Fatalf("demo: exit %d: %s\n%s", code, errOut, out)
	}
	dbs := map[string]string{"demo": filepath.Join(dir, "sitrep.db")}

	shared := os.Getenv("SITREP_SHARED")
	if shared == "" {
		shared = filepath.Join("..", "..", "..", "shared")
	}
	seeds := filepath.Join(shared, "fixtures", "seeds")
	if _, err := os.Stat(filepath.Join(seeds, "manifest.jsonl")); err == nil {
		db := filepath.Join(t.TempDir(), "seeds.db")
		if _, errOut, code := runBin(t, bin, "ingest", seeds, "--manifest", filepath.Join(seeds, "manifest.jsonl"), "--db", db, "--quiet"); code != 0 {
			t.Fatalf("ingest seeds: exit %d: %s", code, errOut)
		}
		dbs["seeds"] = db
	} else {
		t.Logf("seed fixture not found at %s (set SITREP_SHARED): serving the demo corpus only", seeds)
	}

	chromium, chromiumErr := exec.LookPath("chromium")
	for _, name := range []string{"demo", "seeds"} {
		db, ok := dbs[name]
		if !ok {
			continue
		}
		t.Run(name, func(t *testing.T) {
			base := startServe(t, bin, db)
			story, events := crawl(t, base)
			if story == "" {
				t.Fatalf("%s: no story stored", name)
			}
			// The story report files render too.
			for _, f := range []string{"md", "html"} {
				if out, errOut, code := runBin(t, bin, "report", story, "--db", db, "--format", f); code != 0 || len(out) < 200 {
					t.Errorf("report %s --format %s: exit %d: %s", story, f, code, errOut)
				}
			}
			if chromiumErr != nil {
				if os.Getenv("SITREP_REQUIRE_SERVICES") == "1" {
					t.Fatalf("chromium not installed (SITREP_REQUIRE_SERVICES=1)")
				}
				t.Skipf("chromium not installed: skipping the browser check")
			}
			page := base + "/story/" + url.PathEscape(story)
			png := filepath.Join(t.TempDir(), name+"-story.png")
			runChromium(t, chromium, "--screenshot="+png, "--window-size=1280,1600", page)
			st, err := os.Stat(png)
			if err != nil || st.Size() < 10000 {
				t.Fatalf("screenshot %s: %v (%v bytes)", png, err, st)
			}
			dom := runChromium(t, chromium, "--dump-dom", page)
			if !strings.Contains(dom, "Outlets and corroboration") || !strings.Contains(dom, "Quotes by speaker") {
				t.Errorf("story page DOM lacks its sections:\n%.500s", dom)
			}
			if events > 0 {
				for _, id := range []string{`id="timeline"`, `id="network"`} {
					if !strings.Contains(dom, "<svg") || !strings.Contains(dom, id) {
						t.Errorf("story %s has %d events but its page lacks the %s SVG", story, events, id)
					}
				}
			} else {
				// Ingest codes events, and the busiest story of either
				// corpus reports many: a story without any is a failure.
				t.Errorf("story %s has no coded events: timeline and network not checked", story)
			}
			if dir := os.Getenv("SITREP_ARTIFACTS"); dir != "" {
				if b, err := os.ReadFile(png); err == nil {
					os.WriteFile(filepath.Join(dir, filepath.Base(png)), b, 0o644)
				}
			}
			t.Logf("screenshot of %s: %s (%d bytes)", page, png, st.Size())
		})
	}
}

// runChromium runs headless Chromium with a throw-away profile and
// returns its standard output.
func runChromium(t *testing.T, chromium string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	all := append([]string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + t.TempDir()}, args...)
	cmd := exec.CommandContext(ctx, chromium, all...)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium %s: %v\n%s", strings.Join(args, " "), err, lastLines(stderr.String(), 10))
	}
	return stdout.String()
}

func lastLines(s string, n int) string {
	ls := strings.Split(strings.TrimSpace(s), "\n")
	if len(ls) > n {
		ls = ls[len(ls)-n:]
	}
	return strings.Join(ls, "\n")
}
