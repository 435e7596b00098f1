# The demo realm made fit for a deployment (see production-realm): every client secret becomes a
# placeholder that Keycloak fills from its environment at import (PHRHUB_<CLIENT_ID>_CLIENT_SECRET),
# so the file holds no secret; the bridge's addresses move to the public URL ($url); the demo users
# and the sample public clients `hub-cli` (password grant) and `resident-app` are removed, unless
# $demo is "true" (a check run only): then the demo users stay, all with the password
# ${PHRHUB_DEMO_PASSWORD}.
def placeholder(name): "${" + name + "}";
($demo == "true") as $keep_demo
| .sslRequired = "external"
| .clients |= map(
    select($keep_demo or (.clientId | IN("hub-cli", "resident-app") | not))
    | if .secret != null
      then .secret = placeholder("PHRHUB_" + (.clientId | ascii_upcase | gsub("-"; "_")) + "_CLIENT_SECRET")
      else . end
    | if .description then .description |= sub(" *DEV-ONLY.*$"; "") else . end)
| .users |= map(
    if .serviceAccountClientId then .
    elif $keep_demo then .credentials |= map(.value = placeholder("PHRHUB_DEMO_PASSWORD"))
    else empty end)
| walk(if type == "string" then gsub("http://localhost:8081"; $url) else . end)
