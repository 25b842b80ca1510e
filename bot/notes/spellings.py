"""How names and abbreviations are written in a note: word lists the note composer reads.

Split from :mod:`bot.notes.lexicon` (which re-exports them): abbreviations written in
capitals ("sql" -> "SQL"), tools and employers as they write their names, and the short
words that are words rather than initials in a company typed in lowercase. Every key is
lowercase.
"""

from __future__ import annotations

__all__ = ["ACRONYMS", "COMPANY_NAMES", "ORDINARY_SHORT_WORDS", "PHRASE_ACRONYMS",
           "PRODUCT_NAMES"]

# Lowercase abbreviations written in capitals inside a reference ("sql" -> "SQL").
PHRASE_ACRONYMS: frozenset[str] = frozenset({
    "sql", "api", "apis", "aws", "gcp", "ml", "ai", "ui", "ux", "qa", "sre", "etl",
    "crm", "seo", "kpi", "kpis", "okr", "okrs", "b2b", "b2c", "llm", "llms", "ci",
    "cd", "ci/cd", "nlp", "gdpr", "hipaa", "erp", "sdk", "mvp", "roi", "cms", "gpu", "gpus",
    "q1", "q2", "q3", "q4", "cv", "cvs", "smb", "smbs", "gtm", "arr", "mrr", "nps", "cac",
    "ltv", "sla", "slas", "ii", "iii", "iv", "ceo", "cto", "cfo", "coo", "ipo", "vba",
    "spss", "html", "css", "php", "jql", "dax", "swe", "sde", "sdet", "mle", "tpm",
    # lab, quality and operations work ("2 years of hplc in a qc lab")
    "hplc", "qc", "gmp", "sop", "sops", "lims", "pcr", "elisa", "3pl", "wms", "sku", "skus",
    "rfp", "rfps", "pmp", "ehr", "emr", "cro", "pr", "fea", "cfd",
    "url", "urls", "haccp", "cpa", "gaap", "ifrs", "iot", "dag", "dags", "sap",
    # regions written as initials ("their expansion into the uk")
    "uk", "usa", "eu", "emea", "apac", "latam", "nyc",
})
# Tools and products people type in lowercase, as the note writes them ("looker" ->
# "Looker"). Only names that are not also everyday words ("spark", "react", "go" are left).
PRODUCT_NAMES: dict[str, str] = {name.lower(): name for name in (
    "Looker", "Excel", "Python", "dbt", "Kafka", "Tableau", "Airflow", "Snowflake",
    "BigQuery", "Redshift", "Databricks", "PostgreSQL", "Postgres", "MySQL", "MongoDB",
    "JavaScript", "TypeScript", "Java", "Kotlin", "Scala", "Kubernetes", "Docker",
    "Terraform", "GitHub", "GitLab", "Jira", "Salesforce", "HubSpot", "Figma", "Linux",
    "Azure", "Shopify", "Zendesk", "PowerPoint", "Power BI", "Google Sheets", "Heroku",
    "Django", "Flask", "FastAPI", "PyTorch", "TensorFlow", "Redis", "Elasticsearch",
    "Grafana", "Datadog", "Mixpanel", "Amplitude", "Metabase", "Alteryx",
    "SharePoint", "Workday", "Rust", "Golang", "Next.js", "Node.js", "Vue", "Angular",
    "Hadoop", "Spark SQL", "PySpark", "Jenkins", "Prometheus", "Kibana", "Splunk",
    "PhD", "MSc", "BSc", "MBA", "iOS", "macOS", "SaaS", "React Native", "React.js",
    "Vue.js", "Nuxt", "Svelte", "SwiftUI", "GraphQL", "Webpack", "NumPy", "scikit-learn",
    "Jupyter", "Spring Boot", "Ruby on Rails", "Laravel", "WordPress", "Webflow", "Figjam",
    "Photoshop", "InDesign", "Google Analytics", "Google Ads", "Looker Studio", "Qlik",
    "DynamoDB", "Firebase", "Supabase", "Vercel", "Netlify", "Fivetran", "Airbyte",
    "Dagster", "Zapier", "Marketo", "Trello", "Xcode", "Android", "ChatGPT", "LangChain",
    "MATLAB", "AutoCAD", "SolidWorks", "QuickBooks", "NetSuite", "Xero", "JupyterLab",
    "Confluence", "Power Automate", "Power Apps", "Azure DevOps", "GitHub Actions",
    "C++", "C#", "JUnit", "pytest", "Postman", "Appium", "TestRail",
)} | {alias: name for alias, name in (  # how people type them without the dot or space
    ("nodejs", "Node.js"), ("nextjs", "Next.js"), ("vuejs", "Vue.js"), ("reactjs", "React"),
    ("powerbi", "Power BI"), ("sklearn", "scikit-learn"), ("k8s", "k8s"),
    ("postgre", "Postgres"), ("gsheets", "Google Sheets"), ("chat gpt", "ChatGPT"),
)}
# Well-known employers typed in lowercase inside an answer ("i worked at google", "we use
# stripe"), as they write their names. Not those that are everyday words too ("apple",
# "square", "target", "uber", "intel", "zoom", "slack", "notion", "meta" are left).
COMPANY_NAMES: dict[str, str] = {name.lower(): name for name in (
    "Google", "Stripe", "Amazon", "Microsoft", "Netflix", "Spotify", "Airbnb", "Lyft",
    "LinkedIn", "Facebook", "Instagram", "YouTube", "TikTok", "WhatsApp", "Deloitte",
    "Accenture", "McKinsey", "PwC", "Goldman Sachs", "JPMorgan", "Morgan Stanley",
    "Nvidia", "Adobe", "Atlassian", "Canva", "Revolut", "Monzo", "Klarna", "Deliveroo",
    "DoorDash", "Instacart", "Pinterest", "Snapchat", "Dropbox", "Asana", "Coinbase",
    "Palantir", "OpenAI", "Anthropic", "DeepMind", "Twitch", "Reddit", "Etsy", "eBay",
    "PayPal", "Wayfair", "Zalando", "Siemens", "Unilever", "Tesla", "SpaceX", "Walmart",
    "Starbucks", "Capgemini", "Infosys", "Wipro", "Cognizant", "Barclays", "Citibank",
    "Bloomberg", "Twilio", "Cloudflare", "Samsung", "Booking.com", "Expedia",
    "DHL", "FedEx", "Tesco", "Sainsbury's", "Maersk", "IKEA", "Lidl", "Aldi",
)} | {"sainsburys": "Sainsbury's"}
# Two- and three-letter words that are words, not initials, in a company name typed in
# lowercase ("big fish" -> "Big Fish"); any other short word reads as initials ("ibm").
ORDINARY_SHORT_WORDS: frozenset[str] = frozenset("""
    a an as at be by do go he if in is it me my no of on or so to up us we all and any app
    are art bay bee big box bus buy can cap car cat co day dog dot eat egg end eye fan far
    fit fix fly for fox fun gap gas get got gym hat hey hot how hub ice ink inn jam jet job
    joy key kid lab law leg let lid lit log lot low mad man map max may men mix mob mom
    mud net new nor not now nut oak odd off oil old one our out owl own pad pan paw pay pen
    pet pie pig pin pit pod pop pot pro pub put ray red rim rio rod row run sea see set
    she sky son spa sun tab tan tap tea ten the tie tin tip toe top toy try tub two use
    van via war way web wet who why win wit yes yet you zen zoo ace age aid aim air ant
    ape arc ark arm ash ask axe bag ban bar bat bed bet bid bin bit bow boy bud bug bun
    cab cam cod cog cot cow cry cub cup cut dam den dew dig dim dip duo dye ear elk elm
    emu era eve fab fat fee few fig fin fir fog fur gel gem gin gum guy ham hay hip hit
    hop hue hug ion ivy jar jaw jog kit lap lip mat mop mug nap oat ode orb ore pal pea peg
    pup ram rat raw rib rig rip rub rug rye sad saw say sip sit six ski sky soy spy sub
    tag tar tow urn vet vow wax wig yak yam zip inc ltd bio eco geo neo duo hive
""".split())
# Short words written in capitals when a role typed in lowercase is capitalised.
ACRONYMS: frozenset[str] = frozenset({
    "ux", "ui", "qa", "sre", "hr", "it", "ml", "ai", "bi", "pm", "cto", "vp", "seo", "crm",
    "ios", "api", "aws", "gcp", "etl", "sdr", "bdr", "dba", "cfo", "ceo", "coo", "sql",
    "nlp", "ar", "vr", "erp", "sap", "fp&a", "r&d", "ehs", "devops", "l&d", "gis", "cad",
    # job titles and their levels ("sr. swe ii" -> "Sr. SWE II", was "Sr. Swe Ii")
    "swe", "sde", "sdet", "mle", "tpm", "ii", "iii", "iv",
})
