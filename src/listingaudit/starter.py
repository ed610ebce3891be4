"""The commented starter configuration that ``listingaudit init`` writes."""

STARTER_CONFIG = """\
# listingaudit configuration. Found from the current folder upward; or pass --config.
# Every key is optional. 'listingaudit rules' lists the rule codes; 'listingaudit rules CODE'
# shows a rule's documentation and the settings it reads.
version = 1

# Run only some rules or families, or skip some ("photos", "disclosure", "returns",
# "shipping", "readiness", "fulfilment", or codes such as "PHO006").
# select = ["photos", "disclosure"]
# ignore = ["fulfilment"]

# Change a rule's or a family's severity: "error", "warning" or "info".
[severity]
# PHO004 = "info"

# Per-rule settings, and per-marketplace overrides of them.
[rules]
# [rules.PHO006]
# min_sharpness = 60
# [rules.PHO006.amazon]
# min_sharpness = 80

# How scores are computed (README: "How scores work").
[scoring]
penalties = { error = 25, warning = 10, info = 0 }
# family_weights = { photos = 1.0, shipping = 0.5 }

# The quality gate for CI (command-line flags win).
[gate]
# fail_under = 80
# fail_on = "error"

# Return policies that live outside the export (Amazon and Shopify keep them per account).
[returns]
# shop_url = "https://your-store.example"     # Shopify: read /policies/refund-policy
# policies_file = "ebay-return-policies.json" # eBay business policies (Account API JSON)
# [returns.store.shopify]
# accepted = true
# window_days = 30
# paid_by = "seller"
# [returns.profiles."Returns 30 days"]       # an eBay return profile by name
# accepted = true
# window_days = 30

# What buyers pay for shipping where the export names only a profile or template.
[shipping]
# [shipping.profiles."Migrated Template"]    # Amazon merchant-shipping-group / eBay profile
# cost = 4.99
# additional_cost = 1.00
# currency = "USD"
# [shipping.store.shopify]                   # Shopify listings name no profile
# cost = 5.95
# currency = "USD"

# Photos: judge listings also by the rules of the channels they feed (a Shopify store's
# Google Shopping feed must meet Google Merchant Center's photo rules).
[photos]
# channels = { shopify = ["google"] }

# Photo fetching. Private, loopback and cloud-metadata addresses are refused unless listed.
[network]
# allow_hosts = ["images.intranet.example"]
# offline = false

# Per-listing ignores: the rules not to report for one listing, and why.
# [[listing_ignores]]
# listing = "SKU-123"
# rules = ["PHO003"]
# reason = "Archive photo; reshoot booked for March"
"""
