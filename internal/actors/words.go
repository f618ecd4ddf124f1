package actors

// Closed word lists name recognition and coreference use. They are English
// grammar, not facts about actors, so they live in code.

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// functionWords are lower-cased words that are not names when they open a
// sentence capitalised, nor inside a name except as connectors.
var functionWords = set(
	"a", "an", "the", "this", "that", "these", "those", "some", "any", "no", "every", "each", "all", "both",
	"either", "neither", "much", "many", "more", "most", "few", "several", "such", "other", "another",
	"i", "me", "my", "mine", "you", "your", "yours", "he", "him", "his", "she", "her", "hers", "it", "its",
	"we", "us", "our", "ours", "they", "them", "their", "theirs", "who", "whom", "whose", "which", "what",
	"myself", "yourself", "himself", "herself", "itself", "ourselves", "themselves", "one", "ones",
	"there", "here", "where", "when", "why", "how", "whatever", "whoever", "whenever", "wherever",
	"and", "or", "but", "nor", "so", "yet", "for", "if", "then", "than", "because", "since", "while",
	"although", "though", "unless", "until", "till", "whether", "as", "once", "after", "before",
	"of", "in", "on", "at", "by", "to", "from", "with", "without", "about", "above", "below", "into",
	"onto", "over", "under", "up", "down", "out", "off", "through", "during", "against", "among",
	"between", "across", "along", "around", "behind", "beside", "besides", "beyond", "near", "via",
	"within", "upon", "toward", "towards", "despite", "per", "like", "unlike", "amid", "amongst",
	"is", "am", "are", "was", "were", "be", "been", "being", "do", "does", "did", "done", "doing",
	"have", "has", "had", "having", "will", "would", "shall", "should", "can", "could", "may", "might",
	"must", "ought", "need", "dare", "not", "n't", "'s", "'re", "'ve", "'ll", "'d", "'m",
	"yes", "no", "ok", "okay", "oh", "ah", "well", "please", "thanks", "thank", "hi", "hello", "hey",
	"dear", "also", "just", "only", "even", "still", "already", "again", "ever", "never", "always",
	"often", "sometimes", "usually", "perhaps", "maybe", "very", "too", "quite", "rather", "really",
	"now", "today", "tomorrow", "yesterday", "tonight", "however", "therefore", "thus", "hence",
	"meanwhile", "otherwise", "instead", "indeed", "anyway", "besides", "moreover", "furthermore",
	"first", "second", "third", "last", "next", "new", "old", "good", "great", "best", "better", "big",
	"little", "long", "high", "low", "own", "same", "different", "right", "left", "sure", "true",
	"get", "got", "go", "going", "went", "make", "made", "take", "took", "come", "came", "see", "saw",
	"know", "knew", "think", "thought", "say", "said", "says", "tell", "told", "ask", "asked", "look",
	"want", "use", "used", "find", "give", "gave", "call", "called", "try", "keep", "let", "put",
	"mean", "seem", "help", "show", "hear", "play", "run", "move", "live", "believe", "bring", "happen",
	"write", "sit", "stand", "lose", "pay", "meet", "include", "continue", "set", "learn", "change",
	"lead", "understand", "watch", "follow", "stop", "create", "speak", "read", "spend", "grow", "open",
	"walk", "win", "offer", "remember", "love", "consider", "appear", "buy", "wait", "serve", "die",
	"send", "expect", "build", "stay", "fall", "cut", "reach", "kill", "remain", "suggest", "raise",
	"pass", "sell", "require", "report", "decide", "pull", "check", "note", "add", "start", "end",
	"time", "year", "years", "day", "days", "week", "weeks", "month", "months", "people", "way", "thing",
	"things", "man", "men", "woman", "women", "child", "children", "world", "life", "hand", "part",
	"place", "case", "point", "number", "group", "company", "problem", "fact", "lot", "nothing",
	"something", "anything", "everything", "someone", "anyone", "everyone", "nobody", "somebody",
	"anybody", "everybody", "none", "not", "no", "according", "regarding", "including", "following",
	"given", "based", "whereas", "overall", "finally", "actually", "basically", "recently", "currently",
	"unfortunately", "fortunately", "apparently", "clearly", "obviously", "hopefully", "personally",
	"great", "nice", "wonderful", "excellent", "terrible", "awesome", "amazing", "horrible", "bad",
	"best", "worst", "love", "loved", "thanks", "sorry", "attached", "see", "let", "note", "please",
	"why", "wow", "lol", "omg", "btw", "fyi", "re", "fw", "fwd", "subject", "cc", "http", "www",
)

// nameParticles are lower-case words that sit inside personal names.
var nameParticles = set("al", "el", "ad", "bin", "ibn", "bint", "abu", "de", "da", "di", "del", "della",
	"dos", "das", "du", "van", "von", "der", "den", "le", "la", "ben", "ter", "y", "st", "st.")

// honorifics are titles written before a personal name that carry no
// sector.
var honorifics = set("mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "sir", "dame", "lady",
	"lord", "madam", "mme", "mme.", "prof", "prof.", "professor", "messrs", "messrs.", "mx", "hon", "hon.",
	"sen.", "rep.", "gov.", "pres.", "rev.", "capt.", "sgt.", "lt.", "adm.", "cmdr.", "gen.", "col.", "maj.",
	"brig.", "sayyed", "sayed", "hojatoleslam", "mullah", "mohammed", "saint")

// orgSuffixes are final words of organisation names.
var orgSuffixes = set("inc", "inc.", "corp", "corp.", "corporation", "co", "co.", "ltd", "ltd.", "llc", "plc",
	"company", "companies", "group", "bank", "university", "college", "school", "institute", "association",
	"foundation", "council", "committee", "commission", "agency", "ministry", "department", "party",
	"front", "movement", "army", "brigade", "brigades", "forces", "force", "organization", "organisation",
	"union", "federation", "society", "church", "club", "team", "airlines", "airways", "air", "times",
	"post", "news", "journal", "herald", "tribune", "press", "television", "tv", "radio", "network",
	"systems", "technologies", "technology", "services", "service", "solutions", "partners", "holdings",
	"industries", "enterprises", "motors", "energy", "oil", "petroleum", "gas", "pharmaceuticals",
	"hospital", "clinic", "center", "centre",
	"pizza", "store", "stores", "shop", "academy", "board", "office", "bureau",
	"court", "tribunal", "assembly", "parliament", "congress", "senate", "cabinet", "administration",
	"authority", "police", "guard", "guards", "corps", "fund", "trust", "alliance", "coalition",
	"league", "conference", "summit", "festival", "media", "magazine", "daily", "gazette", "studios",
	"records", "entertainment", "capital", "securities", "insurance", "labs", "laboratories", "dept",
	"dept.", "division", "unit", "sa", "ag", "gmbh", "llp", "lp", "foods", "brothers", "bros", "bros.")

// locSuffixes are final words of place names.
var locSuffixes = set("street", "st", "road", "rd", "avenue", "ave", "boulevard", "blvd", "lane", "drive",
	"square", "river", "lake", "mountain", "mountains", "mount", "mt", "island", "islands", "county",
	"city", "town", "village", "province", "state", "region", "valley", "beach", "bay", "ocean", "sea",
	"coast", "peninsula", "desert", "canyon", "park", "gulf", "strait", "straits", "falls", "hills",
	"heights", "plain", "plains", "district", "borough", "harbor", "harbour", "port", "airport", "bridge",
	"canal", "highway", "freeway", "border", "territory", "territories", "kingdom", "republic", "zone",
	// Facilities are places: buildings, venues and sites.
	"hall", "auditorium", "stadium", "arena", "theatre", "theater", "museum", "library", "restaurant",
	"hotel", "cafe", "grill", "mall", "market", "tower", "palace", "castle", "cathedral", "mosque", "temple",
	"memorial", "monument", "plaza", "zoo", "gardens", "garden", "station", "terminal", "chowk", "opera")

// locPrefixes are first words of place names ("Lake Victoria").
var locPrefixes = set("lake", "mount", "mt", "mt.", "cape", "fort", "ft", "ft.", "port", "gulf", "isle", "san",
	"santa", "st", "st.", "saint", "north", "south", "east", "west", "northern", "southern", "eastern", "western")

// orgPrefixes are first words of organisation names ("Bank of ...").
var orgPrefixes = set("university", "bank", "ministry", "department", "church", "museum", "institute",
	"college", "council", "committee", "commission", "office", "bureau", "house", "house of", "federation",
	"association", "society", "league", "order", "club", "school", "academy", "board", "court", "army",
	"party")

// timeWords are capitalised words that are not names: months, days,
// holidays and eras.
var timeWords = set("january", "february", "march", "april", "may", "june", "july", "august", "september",
	"october", "november", "december", "jan", "jan.", "feb", "feb.", "mar", "mar.", "apr", "apr.", "jun",
	"jun.", "jul", "jul.", "aug", "aug.", "sep", "sep.", "sept", "sept.", "oct", "oct.", "nov", "nov.",
	"dec", "dec.", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon",
	"tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "christmas", "easter", "ramadan",
	"eid", "thanksgiving", "halloween", "bc", "ad", "am", "pm", "a.m.", "p.m.", "gmt", "utc", "est", "pst",
	"cst", "edt", "pdt")

// locPreps are prepositions that introduce places.
var locPreps = set("in", "near", "from", "to", "into", "across", "outside", "inside", "throughout", "around",
	"toward", "towards", "via", "visit", "visited", "visiting", "between")

// personVerbs follow a personal name as its predicate ("X said").
var personVerbs = set("said", "says", "told", "tells", "added", "wrote", "writes", "asked", "argued",
	"explained", "noted", "warned", "insisted", "replied", "claimed", "stated", "announced", "thinks",
	"thought", "believes", "believed", "died", "born", "himself", "herself", "wants", "wanted", "felt",
	"feels", "knows", "knew", "smiled", "laughed", "recalled")

// definites introduce a definite description that can corefer.
var definites = set("the", "this", "that", "these", "those")

// indefinites introduce a new, unnamed actor.
var indefinites = set("a", "an", "another", "one", "some", "several", "two", "three", "four", "many", "other")

// subjectPronouns are the pronouns resolved to an earlier actor.
var subjectPronouns = map[string]string{"he": "m", "she": "f", "they": "p"}

// descModifiers may stand between a determiner and a role word.
var descModifiers = set("former", "ex", "retired", "senior", "top", "deputy", "chief", "acting", "new",
	"then", "outgoing", "incoming", "interim", "veteran", "leading", "prominent", "powerful", "influential",
	"late", "current", "hardline", "moderate", "main", "second", "first", "same", "other", "two", "three",
	"several", "many", "some", "unnamed", "anonymous", "local", "regional", "government", "state",
	"western", "arab", "islamist", "sunni", "shia", "shiite", "shi'ite", "kurdish", "foreign", "military",
	"armed", "extremist", "terrorist", "islamic", "radical", "self-styled", "notorious", "brutal")

// lowerStop holds place names that are also English words, which must be
// capitalised to name the place ("china", "turkey", "reading").
var lowerStop = set("china", "turkey", "chad", "jordan", "georgia", "guinea", "niger", "nice", "split", "male",
	"mobile", "reading", "bath", "phoenix", "buffalo", "norfolk", "victoria", "hamilton", "kingston", "salvador",
	"columbus", "charlotte", "austin", "orlando", "jackson", "lincoln", "madison", "worcester", "sale",
	"colon", "praia", "nassau", "dover", "darwin", "perth", "wellington", "sydney", "florence", "oxford",
	"cambridge", "manchester", "richmond", "newcastle", "cork", "lima", "sofia", "santiago", "valencia",
	"granada", "providence", "concord", "hope", "independence", "victory", "union", "liberty", "eden",
	"temple", "troy", "queens", "house", "senate", "congress", "parliament", "wales", "panama", "chile")
