package quotes

import (
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/syntax"
)

// article builds a segmented article whose paragraphs are the non-blank
// lines of text.
func article(text string) *model.Article { return PlainArticle("t", text) }

// find returns the quote whose text starts with prefix.
func find(qs []model.Quote, prefix string) *model.Quote {
	for i := range qs {
		if strings.HasPrefix(qs[i].Text, prefix) {
			return &qs[i]
		}
	}
	return nil
}

// The examples are written for these tests; each names the quote by its
// first words and gives the kind and speaker expected.
func TestPatterns(t *testing.T) {
	tests := []struct {
		name, text, quote, kind, speaker string
		anonymous                        bool
		mention                          string // text of the speaker's mention, if checked
	}{
		{"after, name cue", `“The border will stay closed until further notice,” Maria Olsen told reporters.`,
			"The border will stay closed", KindDirect, "Maria Olsen", false, "Maria Olsen"},
		{"after, cue name", `"We have no plans to raise taxes this year," said Tomas Brandt, who chairs the committee.`,
			"We have no plans", KindDirect, "Tomas Brandt", false, ""},
		{"pronoun to last person", "Interior Minister Carla Reyes visited the flooded town on Friday.\n\n“People here lost everything in one night,” she said.",
			"People here lost everything", KindDirect, "Carla Reyes", false, "she"},
		{"surname to full name", "Finance Minister Henrik Lund presented the budget.\n\n“This budget protects the poorest households,” Lund said.",
			"This budget protects", KindDirect, "Henrik Lund", false, ""},
		{"title description", "Foreign Minister Ana Duarte met her counterpart in Rome.\n\n“The talks were frank and useful,” added the minister.",
			"The talks were frank", KindDirect, "Ana Duarte", false, ""},
		{"possessive description", "Chancellor Olaf Berger spoke after the vote.\n\n“The coalition has failed its first test,” said Germany’s leader.",
			"The coalition has failed", KindDirect, "Olaf Berger", false, ""},
		{"anonymous source", `“We expect an answer within the week,” a senior European diplomat said.`,
			"We expect an answer", KindDirect, "a senior European diplomat", true, ""},
		{"anonymous statement", `“The parties agreed to meet again in March,” said a statement after the meeting.`,
			"The parties agreed", KindDirect, "a statement after the meeting", true, ""},
		{"colon before", `Prime Minister Ravi Menon put it simply: “Nobody will be left behind by this plan.”`,
			"Nobody will be left behind", KindDirect, "", false, ""},
		{"said before", `Senator Joan Whitfield said, “We will not vote for this bill as it stands.”`,
			"We will not vote", KindDirect, "Joan Whitfield", false, ""},
		{"partial quote", `Opposition leader Mark Dunne accused the government of “hiding the real cost of the project from voters”.`,
			"hiding the real cost", KindPartial, "Mark Dunne", false, ""},
		{"continuation paragraph", "“Our troops will stay as long as they are needed,” General Paul Okafor said.\n\n“Nobody should doubt our commitment to the region.”",
			"Nobody should doubt", KindDirect, "Paul Okafor", false, ""},
		{"second quote in paragraph", `“The vote was fair,” observer Lena Fischer said. “We saw no serious problems at the polling stations.”`,
			"We saw no serious problems", KindDirect, "Lena Fischer", false, ""},
		{"multi-paragraph quote", "“We came here to find a solution, and we will not leave without one,” Ambassador Yusuf Demir said. “The people of both countries are tired of waiting.\n\n“They want peace, and they want it now.”",
			"They want peace", KindDirect, "Yusuf Demir", false, ""},
		{"British single quotes", `‘We will defend every village along the river,’ Colonel Sam Achebe said.`,
			"We will defend every village", KindDirect, "Sam Achebe", false, ""},
		{"quote inside quote", `“When they tell us ‘wait until next year’, we hear the same promise again,” said union leader Rosa Klein.`,
			"When they tell us ‘wait until next year’, we hear", KindDirect, "Rosa Klein", false, ""},
		{"indirect said that", `Health Minister Omar Haddad said on Tuesday that the vaccination campaign would start next month.`,
			"the vaccination campaign would start next month", KindIndirect, "Omar Haddad", false, "Health Minister Omar Haddad"},
		{"indirect pronoun", "President Elena Vasquez arrived in Lima on Sunday.\n\nShe said the agreement would be signed before the end of the year.",
			"the agreement would be signed", KindIndirect, "Elena Vasquez", false, "She"},
		{"indirect told", `Defence Secretary Alan Price told reporters the ships would leave port within days.`,
			"the ships would leave port", KindIndirect, "Alan Price", false, ""},
		{"indirect trailing", `The ceasefire had been broken at least twice overnight, officials said on Monday.`,
			"The ceasefire had been broken", KindIndirect, "officials", true, ""},
		{"according to", `According to the ministry, more than 300 people were evacuated from the coast.`,
			"more than 300 people were evacuated", KindIndirect, "the ministry", false, ""},
		{"warned that", `Economist Nora Blum warned that prices would keep rising through the winter.`,
			"prices would keep rising", KindIndirect, "Nora Blum", false, ""},
		{"participle after a clause", `Mayor Ines Walde criticised the budget, saying the city had been left without money for its schools.`,
			"the city had been left", KindIndirect, "Ines Walde", false, ""},
		{"told after an apposition", `The committee's chairman, Lena Park, told the minister that the plan had no support in parliament.`,
			"the plan had no support", KindIndirect, "Lena Park", false, ""},
		{"participle after a quote", `Minister Karl Osei told reporters the plan offered “a start and nothing more,” adding that the details would take months.`,
			"a start and nothing more", KindPartial, "Karl Osei", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			qs := Extract(article(tt.text))
			q := find(qs, tt.quote)
			if q == nil {
				t.Fatalf("no quote starts %q; got %+v", tt.quote, qs)
			}
			if q.Kind != tt.kind {
				t.Errorf("kind %s, want %s", q.Kind, tt.kind)
			}
			if tt.speaker == "" {
				return
			}
			if q.Speaker == nil {
				t.Fatalf("no speaker, want %s", tt.speaker)
			}
			if q.Speaker.Name != tt.speaker {
				t.Errorf("speaker %q, want %q", q.Speaker.Name, tt.speaker)
			}
			if q.Speaker.Anonymous != tt.anonymous {
				t.Errorf("anonymous %v, want %v", q.Speaker.Anonymous, tt.anonymous)
			}
			if tt.mention != "" {
				if got := q.Speaker.Mention.In(article(tt.text).Text); got != tt.mention {
					t.Errorf("mention %q, want %q", got, tt.mention)
				}
			}
		})
	}
}

func TestScareQuotesAndTitles(t *testing.T) {
	text := `The minister called the plan a “disaster” and mocked the so-called “Friends of the Forest” group.`
	for _, q := range Extract(article(text)) {
		if q.Kind != KindIndirect {
			t.Errorf("scare quote or title taken as a quote: %+v", q)
		}
	}
}

func TestChannel(t *testing.T) {
	text := "President Ahmad Karimi addressed the assembly.\n\n“We will not accept these terms,” the president said in remarks carried by state news agency PNA."
	q := find(Extract(article(text)), "We will not accept")
	if q == nil || q.Speaker == nil {
		t.Fatalf("quote or speaker missing: %+v", q)
	}
	if q.Speaker.Name != "Ahmad Karimi" || q.Speaker.Channel != "PNA" {
		t.Errorf("speaker %q channel %q, want Ahmad Karimi via PNA", q.Speaker.Name, q.Speaker.Channel)
	}
}

func TestAnonymousAffiliation(t *testing.T) {
	text := "Palace sources said the king would not attend.\n\n“He has other commitments that week,” a source said."
	q := find(Extract(article(text)), "He has other commitments")
	if q == nil || q.Speaker == nil || !q.Speaker.Anonymous || !strings.Contains(q.Speaker.Description, "Palace") {
		t.Fatalf("want an anonymous source at the palace, got %+v", q)
	}
}

func TestMentionsUsed(t *testing.T) {
	a := article(`“Prices will fall next year,” Dana Whitmore said.`)
	i := strings.Index(a.Text, "Dana Whitmore")
	a.Mentions = []model.Mention{{Span: model.Span{Start: i, End: i + len("Dana Whitmore")}, Kind: "PER", Actor: "XYZGOV", Sector: "GOV", Person: "Dana K. Whitmore"}}
	q := find(Extract(a), "Prices will fall")
	if q == nil || q.Speaker == nil {
		t.Fatal("quote or speaker missing")
	}
	if q.Speaker.Name != "Dana K. Whitmore" || q.Speaker.Actor != "XYZGOV" || q.Speaker.Sector != "GOV" {
		t.Errorf("speaker %+v, want the mention's person, actor and sector", q.Speaker)
	}
}

func TestSkipsCaptionsAndHeadings(t *testing.T) {
	a := article("“This caption quote should not count at all,” the photographer said.\n\nThe talks ended without a deal.")
	a.Paragraphs[0].Kind = model.KindCaption
	if qs := Extract(a); len(qs) != 0 {
		t.Errorf("quotes from a caption: %+v", qs)
	}
}

func TestIDsAndSpans(t *testing.T) {
	a := article("“The first quote is here,” Jo Park said.\n\n“The second quote follows it,” Jo Park added.")
	a.ID = "abc"
	qs := Extract(a)
	if len(qs) != 2 {
		t.Fatalf("want 2 quotes, got %+v", qs)
	}
	for i, q := range qs {
		if want := "abc-q" + string(rune('1'+i)); q.ID != want {
			t.Errorf("id %s, want %s", q.ID, want)
		}
		if q.Span.In(a.Text) != q.Text {
			t.Errorf("span %v does not hold %q", q.Span, q.Text)
		}
		if q.CueSpan.In(a.Text) != q.Cue {
			t.Errorf("cue span %v does not hold %q", q.CueSpan, q.Cue)
		}
	}
}

func TestUnsegmentedArticle(t *testing.T) {
	text := `“We are ready to talk,” Ivan Petrov said.`
	a := &model.Article{Text: text, Paragraphs: []model.Paragraph{{Span: model.Span{Start: 0, End: len(text)}, Kind: model.KindBody}}}
	qs := Extract(a)
	if len(qs) != 1 || qs[0].Speaker == nil || qs[0].Speaker.Name != "Ivan Petrov" {
		t.Fatalf("got %+v", qs)
	}
	if a.Tokens != nil {
		t.Error("Extract modified the article")
	}
}

// TestNounCues checks that a cue word the tagger reads as a noun opens
// no reported speech ("fears in the capital that ..."), while the same
// word as a verb still does.
func TestNounCues(t *testing.T) {
	m, err := syntax.Default()
	if err != nil {
		t.Fatal(err)
	}
	noun := article("The cautious statement reflected long-standing fears in the capital that the talks would fail.")
	m.Annotate(noun)
	if qs := Extract(noun); len(qs) != 0 {
		t.Errorf("noun cue gave quotes %+v", qs)
	}
	verb := article("The foreign minister fears that the talks will fail.")
	m.Annotate(verb)
	if q := find(Extract(verb), "the talks will fail"); q == nil || q.Speaker == nil || q.Speaker.Name != "The foreign minister" {
		t.Errorf("verb cue: quote %+v, want one by the foreign minister", q)
	}
}

// TestParsedAttributions checks attributions that need the parse: a
// subject before the cue is no inverted speaker after a comma, and a
// relative clause set off by commas is left out of the speaker's phrase.
func TestParsedAttributions(t *testing.T) {
	m, err := syntax.Default()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ text, quote, speaker string }{
		{"A senior European official, who asked not to be named because the talks were private, said the final text had been delayed.",
			"the final text had been delayed", "A senior European official"},
		{"Senator Maria Lopez of Ohio, the panel's senior member, said she had not yet decided how to vote.",
			"she had not yet decided", "Maria Lopez"},
	}
	for _, tt := range tests {
		a := article(tt.text)
		m.Annotate(a)
		q := find(Extract(a), tt.quote)
		if q == nil || q.Speaker == nil {
			t.Errorf("%q: no quote %q with a speaker (quotes %+v)", tt.text, tt.quote, Extract(a))
			continue
		}
		if q.Speaker.Name != tt.speaker {
			t.Errorf("%q: speaker %q, want %q", tt.text, q.Speaker.Name, tt.speaker)
		}
	}
}
