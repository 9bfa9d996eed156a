"""Word lists of the genre: organisation heads, posts, and capitalised words that name no one.

They are rules of the language of economic-cooperation news, not of any one article.
"""

from __future__ import annotations

# Head noun of an organisation name -> its kind (a class of the ontology).
ORG_HEADS: dict[str, str] = {
    "agency": "Agency", "administration": "Agency", "authority": "Agency", "service": "Agency",
    "bureau": "Agency", "inspectorate": "Agency", "office": "Agency",
    "chamber": "Chamber",
    "ministry": "Ministry", "department": "Ministry", "government": "Ministry",
    "commission": "Commission", "committee": "Commission", "council": "Association",
    "association": "Association", "confederation": "Association", "federation": "Association",
    "union": "Association", "alliance": "Association", "society": "Association", "consortium": "Association",
    "organization": "InternationalOrganization", "organisation": "InternationalOrganization",
    "secretariat": "InternationalOrganization", "forum": "InternationalOrganization",
    "bank": "FinancialInstitution", "fund": "FinancialInstitution", "exchange": "FinancialInstitution",
    "center": "Center", "centre": "Center", "centers": "Center", "centres": "Center",
    "institute": "Institute", "university": "Institute", "academy": "Institute", "foundation": "Institute",
    "corporation": "Company", "company": "Company", "holding": "Company", "group": "Company",
    "inc": "Company", "ltd": "Company", "llc": "Company", "plc": "Company", "gmbh": "Company", "ag": "Company",
    "sa": "Company", "jsc": "Company", "ojsc": "Company", "cjsc": "Company", "pjsc": "Company", "llp": "Company",
    "bv": "Company", "nv": "Company", "spa": "Company", "srl": "Company", "sarl": "Company", "bhd": "Company",
    "parliament": "Ministry", "assembly": "Association",
    "embassy": "Organization", "consulate": "Organization", "consulate-general": "Organization",
    "establishment": "Organization", "directorate": "Agency", "board": "Agency",
}
# Heads that name an organisation only with a capitalised word before them: "Foreign Economic Relations
# Board" is one, "the Board of the Agency" or "the Board of Directors" is a part of one.
MODIFIED_HEADS = {"board"}
# Heads that name an organisation only with a modifier ("Baku Office", not "the Office").
WEAK_HEADS = {"office", "service", "group", "government", "exchange", "union", "assembly", "society"}

# Words of a post. Case-insensitive; a post is one or more of these, with modifiers.
POST_WORDS = {
    "chairman", "chairwoman", "chairperson", "chair", "co-chair", "co-chairman", "president",
    "vice-president", "head", "director", "director-general", "minister", "ambassador",
    "secretary-general", "secretary", "senator", "coordinator", "co-founder", "founder", "partner",
    "ceo", "cfo", "coo", "governor", "mayor", "adviser", "advisor", "deputy", "representative",
    "consul", "consular", "consul-general", "envoy", "commissioner", "manager", "chief", "rector", "spokesman",
    "spokesperson", "spokeswoman", "premier", "chancellor", "counsellor", "counselor", "attache",
    "officer", "member", "leader", "emir", "king", "prince", "agong", "vice-chairman", "vice-rector",
    "undersecretary", "under-secretary", "ombudsman", "mp", "lawmaker", "delegate", "trustee",
    "executive", "chairmen", "presidents", "directors", "ministers", "counterpart", "counterparts",
    "vice-chair", "vice-minister", "colleague", "colleagues",
    "attaché", "businessman", "businesswoman", "businesswomen",
}
POST_MODIFIERS = {
    "board", "executive", "prime", "federal", "deputy", "first", "vice", "managing", "general",
    "special", "acting", "trade", "foreign", "senior", "regional", "country", "economic", "state",
    "assistant", "chief", "interim", "honorary", "extraordinary", "plenipotentiary", "permanent",
    "commercial", "finance", "economy", "co", "former", "new", "high",
    # "Principal Secretary", "Cabinet Secretary", "Joint Secretary", "Additional Secretary", "Associate Director"
    "principal", "cabinet", "joint", "additional", "parliamentary", "associate", "lead", "founding",
    # portfolios written before the post: "Industry Minister", "Investment Secretary"
    "industry", "investment", "transport", "agriculture", "energy", "commerce", "tourism", "planning",
    "mining", "petroleum", "fisheries",
}
# Honorifics written before a name; never part of it.
HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "madam", "mme", "h.e", "s.e", "senator",
              "sheikh", "sheikha", "shaikh", "eng", "engr", "hon", "honourable", "honorable", "excellency",
              "dame", "lord", "lady", "datuk", "dato", "tun", "haji", "hajji",
              "seri", "shri", "shrimati", "smt", "alhaji", "hajia", "engineer", "highness", "majesty"}
# A name's initial written in two Latin letters, for one Cyrillic letter (Ш, Ж, Ч, Х, Ц, Ю, Я, Ё, Е):
# "Sh.K.Nazarov", "Zh. Abenova", as the press of Central Asia and Russia writes them.
TRANSLITERATED_INITIALS = {"Sh", "Zh", "Ch", "Kh", "Ts", "Yu", "Ya", "Yo", "Ye"}
# Titles that are also family names: part of a name when they follow its other words ("Manzar Khurshid Sheikh").
NAME_SURNAME_TITLES = {"sheikh", "shaikh"}
# Lower-case particles inside personal names: "Mohammed bin Rashid", "Ursula von der Leyen".
NAME_PARTICLES = {"bin", "binti", "bint", "ibn", "al", "el", "de", "da", "do", "dos", "das", "del", "della", "di",
                  "du", "la", "le", "van", "von", "der", "den", "ter", "y", "abu", "ould", "ben", "bte", "ap"}

# Capitalised words that start sentences or clauses and are never part of a name.
FUNCTION_CAPS = {
    "the", "a", "an", "at", "in", "on", "of", "for", "to", "by", "with", "from", "during", "after",
    "before", "according", "moreover", "additionally", "also", "furthermore", "however", "meanwhile",
    "besides", "separately", "similarly", "likewise", "elsewhere", "finally", "subsequently",
    "both", "this", "that", "these", "those", "it", "its", "he", "she", "they", "his",
    "her", "their", "there", "we", "our", "as", "and", "or", "but", "while", "when", "where",
    "which", "who", "under", "within", "between", "among", "over", "since", "following",
    "addressing", "turning", "speaking", "noting", "acknowledging", "concluded", "founded",
    "in addition", "if", "all", "each", "two", "one", "other", "then", "thus", "so",
    "mutual", "bilateral", "some", "many", "more", "most", "such", "further", "not",
    "earlier", "later", "today", "yesterday", "tomorrow", "last", "next", "president's",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "is", "was", "were", "will", "has", "have", "had", "be",
    # reporting verbs that open a sentence before a name: "Citing Farrukh X, the message said ..."
    "citing", "quoting", "welcoming", "commenting", "highlighting", "stressing", "emphasizing", "emphasising",
    "recalling", "praising", "thanking", "describing", "underlining", "referring",
}
# Last words of spelled terms that are no organisation: "Free Trade Agreement (FTA)", "Small and
# Medium Enterprises (SMEs)", "Belt and Road Initiative (BRI)", "Gross Domestic Product (GDP)".
NOT_SIDE_ENDS = {
    "agreement", "agreements", "understanding", "treaty", "partnership", "initiative", "enterprises", "product",
    "area", "zone", "programme", "program", "plan", "corridor", "cooperation", "investment", "investments",
    "trade", "exhibition", "fair", "expo", "forum", "summit", "project", "system", "index", "act", "law",
}
# Capitalised words that are not personal names even next to a post.
NOT_NAME_WORDS = {
    "projects", "project", "resort", "times", "route", "summit", "forum", "business", "trade",
    "economic", "cooperation", "development", "affairs", "investments", "investment", "industry",
    "finance", "revenue", "commerce", "agriculture", "energy", "transport", "international",
    "national", "republic", "kingdom", "state", "states", "city", "region", "district", "province",
    "smes", "smbs", "sme", "smb", "covid", "press", "news", "agency", "council", "session",
    "western", "eastern", "northern", "southern", "central", "balkans", "europe", "asia", "africa",
    "middle", "east", "west", "north", "south", "caspian", "islamic", "policy", "youth", "prime",
    "minister", "ministry", "federal", "special", "adviser", "advisor", "director", "head",
    "small", "medium", "large", "enterprises", "enterprise", "businesses", "entrepreneurs", "integration",
    "technology", "technologies", "innovation", "innovations", "export", "exports", "import", "imports",
    "asian", "african", "european", "arab", "latin", "american", "nordic", "gulf", "nations", "pacific",
    "embassy", "consulate", "mission", "promotion", "planning", "resources", "relations", "infrastructure",
    "tourism", "economy", "labour", "health", "education", "culture", "environment", "justice", "operations",
}
# Leading words that make a name an event or a programme, not an organisation.
EVENT_LEADS = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
               "tenth", "annual", "next", "upcoming"}
# Connectors inside organisation names.
NAME_PREPOSITIONS = {"of", "for", "on", "between", "at"}

# Words of organisation names that name the same thing in different spellings of one name.
NAME_SYNONYMS = {"enterprise": "business", "entrepreneurship": "business", "firm": "business",
                 "centre": "center", "organisation": "organization", "programme": "program"}
NAME_EXPANSIONS = {"smb": ["small", "medium", "business"], "sme": ["small", "medium", "business"],
                   "msme": ["micro", "small", "medium", "business"], "msmb": ["micro", "small", "medium", "business"]}
NAME_DROPPED = {"sized", "size", "republic"}

# Lower-case nouns after which a name stands in apposition: "oil and gas company MOL", "the lender OTP".
# Each maps to the head word that gives the organisation its kind.
APPOSITIVE_HEADS = {
    "company": "company", "firm": "company", "group": "company", "carrier": "company", "operator": "company",
    "producer": "company", "manufacturer": "company", "maker": "company", "giant": "company",
    "conglomerate": "company", "holding": "company", "exporter": "company", "importer": "company",
    "developer": "company", "startup": "company", "start-up": "company", "platform": "company",
    "bank": "bank", "lender": "bank", "insurer": "company", "fund": "fund",
    "association": "association", "agency": "agency", "chamber": "chamber", "organisation": "organization",
    "organization": "organization", "body": "organization", "regulator": "agency",
}
# Lower-case heads written after a name: "the Delovaya Rossiya (Business Russia) association".
POSTPOSED_HEADS = {"association", "company", "group", "bank", "agency", "union", "federation", "chamber",
                   "corporation", "holding", "organisation", "organization", "institute", "network", "foundation"}
# Lower-case heads of bodies named by two countries: "the Hungarian-Serbian mixed economic committee".
BILATERAL_BODY_HEADS = {"commission", "committee", "council", "chamber", "forum", "group", "board"}
# Posts whose "of" names a company: "Founder of Access View Africa".
COMPANY_POSTS = {"founder", "co-founder", "ceo", "owner", "co-owner", "proprietor"}
# Word endings that make one capitalised word a bank: "Eximbank", "Sberbank".
ORG_WORD_SUFFIXES = {"bank": "bank"}
# Words that many organisation names share: a short name made of one of them and a head ("Trade
# Chamber") is not enough to say which longer name it stands for, as "Rawalpindi Chamber" is.
GENERIC_NAME_WORDS = {
    "commerce", "industry", "trade", "national", "business", "economic", "economy", "development", "investment",
    "export", "import", "promotion", "international", "state", "joint", "general", "foreign", "affairs",
    "cooperation", "small", "medium", "micro", "enterprise", "agriculture", "mine", "finance", "central",
    "federal", "regional", "industrial", "chamber", "agency", "council", "ministry", "bank", "union",
    "association", "committee", "commission", "world", "global", "new", "united", "public", "private",
    "mixed", "intergovernmental", "permanent", "high", "level", "board", "service", "services",
    "science", "technology", "research", "innovation", "culture", "education", "health", "energy", "mining",
    "oil", "gas", "transport", "tourism", "industries", "entrepreneurship", "employer", "labour", "labor",
    "craft", "tradesmen", "craftsmen", "manufacturer", "exporter", "importer", "producer", "agribusiness",
    "logistics", "communication", "information", "planning", "statistics", "customs", "standard", "quality",
}
# Lower-case nouns after a place name: "China's Chongqing city", "Vietnam's Quang Ninh province".
PLACE_NOUNS = {"city", "province", "region", "municipality", "state", "county", "prefecture", "district", "oblast",
               "governorate", "emirate"}
# Nouns that end the lower-case scope of a body's name: "commission on economic and cultural cooperation".
SCOPE_NOUNS = {"cooperation", "co-operation", "collaboration", "relations", "affairs", "partnership", "development",
               "integration", "issues", "matters"}
# Words before "Forum" that make it an event, not a body: "Business Forum", "Interregional Forum" (but
# "Youth Forum" is an organisation).
EVENT_FORUM_WORDS = {"business", "economic", "investment", "trade", "interregional", "regional", "export",
                     "investors", "industrial", "tourism"}
# The words of the commonest chamber and ministry names: a country before a name made only of them
# stays part of it ("Uganda National Chamber of Commerce and Industry").
GENERIC_CHAMBER_WORDS = {"national", "chamber", "commerce", "industry", "trade", "ministry", "economy", "union",
                         "federation", "confederation", "association", "council", "agriculture", "mine",
                         "craft", "service", "state", "general", "foreign", "affairs", "central", "bank"}


# ---- phrases of events and figures ---------------------------------------------------------------
# Each entry is a fragment of a regular expression, matched case-insensitively between word
# boundaries (see patterns.phrases), with an example of the genre beside it.

# Which sitting of a body: "the 10th meeting", "the fifth session", "the annual meeting".
SESSION_ORDINAL = (r"(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh"
                   r"|twelfth|regular|annual|extraordinary|plenary)")
# Phrases that tell of a meeting by themselves.
MEETING_PHRASES = [
    r"met", r"meets", r"meet\s+with",                               # "Mammadov met with Khalawi"
    r"meeting\s+(?:with|between)", r"meetings\s+(?:at|with)",       # "meetings with the Chamber"
    r"(?:a|an)\s+(?:\w+\s+)?meeting",                               # "held an online meeting"
    r"held\s+(?:a\s+|an\s+|their\s+|its\s+|the\s+)?(?:\w+\s+){0,3}?(?:meeting|meetings|talks|negotiations|consultations"
    r"|forum|round\s*table|dialogues?|webinar|seminar|video\s*conference)",                                       # "held their annual business council meeting"
    r"talks\s+(?:with|between)", r"(?:has|have|had)\s+talked",      # "talks with his counterpart"
    r"talked\s+(?:with|about)",                                     # "X and Y talked about ways to ..."
    r"visited", r"visiting",                                        # "while visiting RCCI"
    r"received", r"hosted", r"welcomed", r"attended",               # only with an actor as object (below)
    r"(?:was|were)\s+received\s+by", r"sat\s+down\s+with", r"conferred\s+with",  # "X was received by President Y"
    r"during\s+their\s+(?:\w+\s+)?meeting",                            # "X told Y during their meeting on Monday"
    r"(?:state|official|working)\s+visit",                          # "on a two-day state visit"
    r"exchange\s+of\s+views\s+with",                                # "in an exchange of views with"
    r"session\s+of", r"sessions?\s+(?:was|were)\s+held",            # "the session of the commission"
    SESSION_ORDINAL + r"\s+(?:\w+\s+)?(?:meeting|session)\s+of",     # "the 10th meeting of the commission"
    r"negotiations\s+with", r"consultations\s+with", r"round\s*table",
    r"video\s*conference", r"teleconference", r"online\s+meeting", r"virtual\s+meeting",
    r"video\s*(?:call|link)", r"(?:phone|telephone)\s+(?:call|conversation)",   # "during a video call"
    r"business\s+mission",
    r"(?:concluded|wrapped\s+up|completed)\s+(?:\w+\s+){0,3}?(?:meetings|talks|negotiations|consultations)",  # "concluded
                                                                    # two days of meetings"
    r"paid\s+(?:a\s+)?(?:\w+\s+)?(?:visit|call)\s+(?:to|on)",              # "paid a visit to the Authority"
    r"called\s+on",                                                # "called on the Chinese Ambassador"
    r"(?:granted|gave)\s+(?:an\s+)?audience\s+to", r"received\s+in\s+(?:an\s+)?audience",  # a head of state receives
    r"inaugurated",                                                 # "X and Y inaugurated the Business Council"
    r"(?:jointly\s+)?opened\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,3}?(?:festival|exhibition|expo|fair|forum|conference|show"
    r"|summit)",                                                    # "Governor X and Governor Y opened a festival"
    r"(?:talks|meetings?|negotiations|consultations)\s+(?:was|were|have\s+been|had\s+been)\s+held\s+(?:\w+\s+){0,3}?"
    r"(?:by|between|with)",                                          # "talks were held by a delegation ... and by"
]
# Every phrase of MEETING_PHRASES holds one of these letters (tests/test_vocabulary.py checks it): a
# sentence without any of them is not searched for the phrases.
MEETING_STEMS = ("met", "meet", "conclud", "wrapped", "complet",
                 "talk", "visit", "receiv", "host", "welcom", "attend", "exchange", "session",
                 "negotiat", "consult", "round", "video", "teleconference", "online", "virtual", "mission", "paid",
                 "called", "inaugurated", "phone", "audience", "opened",
                 "sat", "conferred", "during", "webinar", "seminar", "dialogue", "forum")
# Verbs of MEETING_PHRASES that tell of a meeting only when an actor or an event is their object:
# "received a delegation", not "received an official welcome" or "received the Order of Merit".
# Posts of a head of state or government: the host of a state or official visit to the country
LEADER_POSTS = {"president", "prime minister", "premier", "king", "emir", "sultan", "chancellor", "crown prince"}
ACTOR_OBJECT_VERBS = {"received", "hosted", "welcomed", "attended", r"called\s+on"}
# Nouns that make the object of those verbs an event: "hosted the two delegations", "attended the session".
EVENT_OBJECT_NOUNS = [r"delegations?", r"missions?", r"meeting", r"session", r"event", r"talks", r"forum", r"conference",
                      r"summit", r"visit", r"ceremony", r"round\s*table", r"consultations", r"negotiations",
                      r"courtesy\s+call", r"call",                  # "received a courtesy call from ..."
                      r"businessmen", r"business\s*people", r"entrepreneurs", r"investors", r"exporters",
                      r"importers", r"industrialists"]                # "hosted Iranian businessmen led by ..."
# Phrases that go on telling of a meeting already told.
CONTINUING_PHRASES = [
    r"discussed", r"discussions?", r"exchanged\s+views",            # "The sides discussed ..."
    r"the\s+(?:two\s+)?sides", r"both\s+sides", r"the\s+parties",
    r"the\s+(?:two\s+)?(?:ministers|leaders|officials|chairmen|heads)",    # "The two ministers also witnessed ..."
    r"(?:was|were)\s+co-?chaired\s+by",                                              # "The commission was co-chaired by ..."
    r"the\s+talks", r"(?:the|their|this|that)\s+meeting",           # "Speaking once the meeting had ended"
    r"their\s+talks", r"(?:the|their)\s+conversations?",             # "their conversations today had given ..."
    r"on\s+the\s+agenda", r"went\s+over", r"looked\s+at", r"considered",
    r"during\s+the\s+visit", r"talked", r"held\s+talks",
    r"on\s+the\s+sidelines\s+of",                                   # "The talks took place on the sidelines of"
    r"(?:the|this)\s+(?:forum|summit|conference)",                    # "The forum was opened by ..."
    r"(?:is|are)\s+attending\b",                                     # "the event, which X is attending, ..."
    r"(?:was|were)\s+attended\s+by",                                 # "The meeting was attended by ..."
    r"present\s+at", r"among\s+the\s+(?:guests|participants|attendees|speakers)",  # "Present at its opening were"
    r"took\s+part\s+in\s+(?:the|it|its)", r"participated\s+in\s+(?:the|it|its)",
    r"^\W*(?:also\s+)?(?:taking\s+part|participating)\b",         # "Taking part on the Kenyan side were ..."
    r"(?:headed|led)\s+the\s+(?:[\w-]+\s+)?(?:delegation|side)", r"side\s+was\s+(?:led|headed)\s+by",  # "the UK side was
                                                                    # led by", "X led the Australian side"
    r"delegations?\s+(?:was|were)\s+(?:led|headed)\s+by",         # "The U.S. delegation was headed by ..."
    r"(?:was|were)\s+represented\s+(?:at\s+\w+\s+)?by",              # "The Director, X, was represented by Y"
]
# Phrases of talks: with two actors named, a meeting even without a stronger phrase.
TALKS_PHRASES = [r"discuss\w*", r"talked", r"held\s+talks", r"exchanged\s+views", r"looked\s+at", r"went\s+over"]
# Words at the start of a sentence (or phrases in it) that tell of another occasion than the one before.
ANOTHER_OCCASION = [r"^\W*(?:earlier|later|separately|afterwards|previously|before\s+that|the\s+day\s+before"
                    r"|last\s+(?:month|week|year)|in\s+(?:an|a)\s+(?:earlier|separate)\s+meeting)",
                    r"(?:another|a\s+separate|a\s+second)\s+meeting"]   # "Earlier, the two ministers ..."

# Nouns of documents that are signed.
DOCUMENT_NOUNS = [
    r"memorand(?:um|ums|a)(?:\s+of\s+understanding)?", r"MoUs?",     # "a memorandum of understanding"
    r"agreements?", r"protocols?", r"road\s*maps?", r"accords?", r"treaty", r"treaties", r"declarations?",
    r"contracts?", r"documents", r"deals?(?!\s+with\s+(?:the\s+)?(?-i:[a-z]))", r"pacts?", r"charters?", r"letters?\s+of\s+intent",
    r"conventions?",                     # not "the pacts also deal with tariffs", but "signed deals with Peru"
    r"programmes?", r"programs?", r"action\s+plans?", r"action\s+agendas?",  # "signed a cooperation programme"
]
# The genre's acronyms of agreements in force, and the kind each names: "the China-Chile FTA".
AGREEMENT_ACRONYMS = {
    "FTA": "free trade agreement", "CEPA": "comprehensive economic partnership agreement",
    "EPA": "economic partnership agreement", "TIFA": "trade and investment framework agreement",
    "PTA": "preferential trade agreement", "BIT": "bilateral investment treaty",
}
# Verbs of signing: "signed", "inked", "a road map they adopted", "closed business deals".
SIGNING_VERBS = [r"signed", r"inked", r"concluded", r"adopted", r"reached", r"sealed", r"initiall?ed", r"penned",
                 r"exchanged", r"closed", r"struck", r"established", r"entered\s+into", r"renewed",
                 r"(?:produced|yielded|resulted\s+in)(?=\s+(?:(?!(?:in|under|by|for|from)\s)[\w-]+\s+){0,3}?"
                 r"(?:memorand|MoUs?\b|agreements?\b|contracts?\b|protocols?\b|deals?\b))",  # "the meeting produced
                                                                                            # suitable MoUs"
                 r"put\s+(?:their|his|her|its)\s+(?:signatures?|names)\s+to",  # "A and B put their signatures to an MoU"
                 r"(?<=the\s)signing\s+of",                            # "witnessed the signing of three MoUs"
                 r"agreed\s+(?:on|upon)"]                                # "have agreed on a memorandum"
# How many documents: "six MoUs", "a number of agreements".
DOCUMENT_COUNTS = [r"\d+", r"one", r"two", r"three", r"four", r"five", r"six", r"seven", r"eight", r"nine", r"ten",
                   r"eleven", r"twelve", r"several", r"a\s+number\s+of", r"a\s+series\s+of", r"dozens\s+of",
                   r"a\s+package\s+of"]

# Words of a sentence about trade between countries: "bilateral trade", "trade turnover", "traded goods".
TRADE_WORDS = [r"trade", r"traded", r"trading", r"turnover", r"commerce", r"commercial\s+exchanges?"]
# Words right after an amount that make it something else than turnover: "$1 billion trade agreement",
# "the $1bn mark", "EUR 110 mln credit line".
NOT_TURNOVER_AFTER = [r"agreements?", r"deals?", r"contracts?", r"mark", r"target", r"worth\s+of\s+investment",
                      r"investments?", r"loans?", r"credit", r"grants?", r"projects?",
                      r"deficit", r"surplus", r"balance",                 # "a $237 million goods trade deficit"
                      r"(?:were|was|are|is|in)\s+(?:\S+\s+)?(?:exports?|imports?)"]  # "64 million USD were imports"
# Words shortly before an amount that make it a part of trade, an investment, a target or a forecast:
# "exports of $310 million", "invested EUR 110 million", "to reach $5 billion", "could rise to".
NOT_TURNOVER_BEFORE = [r"(?:contracts?|deals?|agreements?|documents|orders?|investments?|projects?|memorand\w*|MoUs?)"
                       r"\s+(?:\w+\s+){0,2}(?:\([^)]{1,12}\)\s+)?(?:worth|totall?ing|valued\s+at|amounting\s+to)",  # "contracts totaling over", "MoUs (B2B) worth"
                       r"balance", r"surplus", r"deficit",            # "the trade balance stood at $640 million"
                       r"export", r"exports", r"import", r"imports", r"exported", r"imported", r"shipments",
                       r"deliveries", r"invest\w*", r"loan", r"credit", r"grant", r"target", r"goal", r"aim\w*",
                       r"plan\w*", r"potential", r"value", r"pass", r"surpass", r"bring\w*",
                       r"rais\w*\s+(?:[\w-]+\s+){1,3}to", r"increase\s+(?:it\s+)?to", r"to\s+reach", r"reach", r"up\s+to",
                       r"will", r"would", r"could", r"should", r"can", r"expected", r"forecast\w*",
                       r"project(?:ed|ion)"]
# Words of a clause about one direction of trade: "with UK exports to Uzbekistan accounting for ...".
ONE_DIRECTION_WORDS = [r"export\w*", r"import\w*", r"shipments", r"deliveries", r"supplies", r"sales"]
# Verbs with which a sentence goes on about the figure before: "In 2022 it surpassed 117 billion USD".
FIGURE_VERBS = [r"surpassed", r"reached", r"rose", r"fell", r"grew", r"amounted", r"stood", r"exceeded",
                r"totall?ed", r"topped", r"hit", r"came", r"increased", r"decreased", r"dropped", r"jumped", r"was"]
