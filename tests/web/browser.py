#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# browser.py BASE AUDIT CASE DOC SHOTS - the web application in a real
# browser (Debian's chromium and chromium-driver through python3-selenium;
# run by tests/web/browser.sh, which starts the server on the demo):
#   - a manager logs in and moves an NCR from open to implemented through
#     the forms, each step seen on its history;
#   - a value holding <script> is shown as text;
#   - an auditor sees no form, and a hand-made POST with the auditor's
#     session is refused 403; a POST without the CSRF token or with a
#     foreign Origin is refused 403 and changes nothing;
#   - an expired auditor cannot log in; a sixth wrong password waits;
#   - every page of the demo renders with no console error, at 1280 px
#     and 375 px, with no page wider than its window (screenshots in
#     SHOTS).
import sys
import urllib.error
import urllib.parse
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

BASE, AUDIT, CASE, DOC, SHOTS = sys.argv[1:6]
failures = []


def fail(msg):
    print("FAIL: " + msg, file=sys.stderr)
    failures.append(msg)


def browser():
    o = webdriver.ChromeOptions()
    o.binary_location = "/usr/bin/chromium"
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu",
              "--disable-dev-shm-usage", "--window-size=1280,900",
              "--no-first-run", "--disable-background-networking"):
        o.add_argument(a)
    o.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"),
                            options=o)


def console_errors(d, where):
    for e in d.get_log("browser"):
        if e.get("level") == "SEVERE":
            fail(f"{where}: console error: {e.get('message')}")


def click_and_wait(d, button):
    """Submits a form and waits for the next page to replace this one and
    finish loading.  While the old page goes, asking about its nodes may
    fail in more ways than "stale" (chromedriver's "Node with given id does
    not belong to the document"): any of them means it has gone."""
    html = d.find_element(By.TAG_NAME, "html")
    button.click()

    def replaced(drv):
        try:
            html.is_enabled()
            return False
        except WebDriverException:
            return True
    WebDriverWait(d, 60).until(replaced)
    WebDriverWait(d, 60).until(
        lambda drv: drv.execute_script("return document.readyState")
        == "complete")


def login(d, who, password=None):
    d.get(BASE + "/login")
    d.find_element(By.NAME, "login").clear()
    d.find_element(By.NAME, "login").send_keys(who)
    d.find_element(By.NAME, "password").send_keys(password or f"pw-{who}-1")
    click_and_wait(d, d.find_element(By.CSS_SELECTOR, "form.login button"))


def logout(d):
    click_and_wait(d, d.find_element(By.CSS_SELECTOR, "nav.top form button"))


def history(d):
    rows = d.find_elements(By.XPATH,
                           "//h2[contains(., 'History')]/following::table[1]//tbody/tr")
    return [[c.text for c in r.find_elements(By.TAG_NAME, "td")] for r in rows]


def post(path, fields, cookie, origin=True):
    """A hand-made POST with a session cookie: the status."""
    data = urllib.parse.urlencode(fields).encode()
    rq = urllib.request.Request(BASE + path, data=data, method="POST")
    rq.add_header("Cookie", cookie)
    if origin is True:
        rq.add_header("Origin", BASE)
    elif origin:
        rq.add_header("Origin", origin)

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *a, **k):
            return None
    try:
        return urllib.request.build_opener(NoRedirect).open(rq).status
    except urllib.error.HTTPError as e:
        return e.code


def cookie_of(d):
    return "; ".join(f"{c['name']}={c['value']}" for c in d.get_cookies())


def state_on_page(d):
    for tr in d.find_elements(By.CSS_SELECTOR, "table.facts tr"):
        if tr.find_element(By.TAG_NAME, "th").text.startswith("状态"):
            return tr.find_element(By.TAG_NAME, "td").text
    return None


def submit_change(d, fields, state=None):
    form = d.find_element(By.CSS_SELECTOR, "form.change")
    if state:
        Select(form.find_element(By.NAME, "state")).select_by_value(state)
    for name, value in fields.items():
        el = form.find_element(By.NAME, name)
        if el.tag_name == "select":
            Select(el).select_by_value(value)
        else:
            el.clear()
            el.send_keys(value)
    click_and_wait(d, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))


d = browser()
try:
    # ---- the manager moves NCR-0001 from open to implemented ----
    login(d, "mgr")
    if d.current_url.rstrip("/") != BASE:
        fail(f"the manager's login went to {d.current_url}")
    d.get(BASE + "/ncrs/1")
    if "open" not in (state_on_page(d) or ""):
        fail(f"NCR-0001 is not open: {state_on_page(d)}")
    steps = [
        ("analysed", {"root-cause": "<script>alert('x')</script> 窗口人员不足",
                      "method": "5-why"}),
        ("action-planned", {"action": "增加窗口人员 add staff",
                            "owner": "王五", "due": "2027-01-15"}),
        ("implemented", {}),
    ]
    for n, (state, fields) in enumerate(steps, 1):
        if "due" in fields:
            # a date input takes the keys of the browser's locale;
            # fill it as text through the field's own value
            el = d.find_element(By.NAME, "due")
            d.execute_script("arguments[0].value = arguments[1]", el,
                             fields.pop("due"))
        submit_change(d, fields, state)
        if "Saved" not in d.page_source:
            refused = d.find_elements(By.CSS_SELECTOR, "p.refused")
            fail(f"step {state}: not saved: "
                 f"{refused[0].text if refused else d.current_url}")
        if state.replace("-", " ") not in (state_on_page(d) or ""):
            fail(f"after step {state} the state reads {state_on_page(d)}")
        h = history(d)
        updates = [r for r in h if len(r) > 2 and r[1] == "ncr.update"]
        if len(updates) != n or updates[-1][2] != "mgr" or \
                state not in updates[-1][3]:
            fail(f"step {state} is not on the history: {h}")
    # the <script> value is text, not markup
    facts = d.find_element(By.CSS_SELECTOR, "table.facts").text
    if "<script>alert('x')</script> 窗口人员不足" not in facts:
        fail("the root cause with <script> is not shown as text")
    if d.find_elements(By.TAG_NAME, "script"):
        fail("a script element is on the page")
    d.save_screenshot(f"{SHOTS}/ncr-manager-1280.png")

    # POSTs without the token or from elsewhere, with the manager's session
    mc = cookie_of(d)
    if post("/ncrs/2", {"state": "analysed", "root-cause": "x"}, mc) != 403:
        fail("a POST without the CSRF token was not refused 403")
    csrf = d.find_element(By.NAME, "csrf").get_attribute("value")
    if post("/ncrs/2", {"state": "analysed", "root-cause": "x", "csrf": csrf},
            mc, origin="http://evil.example") != 403:
        fail("a POST from a foreign Origin was not refused 403")
    if post("/ncrs/2", {"state": "analysed", "root-cause": "x", "csrf": csrf},
            mc, origin=None) != 403:
        fail("a POST without Origin was not refused 403")
    d.get(BASE + "/ncrs/2")
    if "open" not in (state_on_page(d) or ""):
        fail(f"a refused POST changed NCR-0002: {state_on_page(d)}")

    # every page renders, no console error, at 1280 and 375 px
    pages = ["/", "/audits", f"/audits/{AUDIT}", f"/audits/{AUDIT}?page=2",
             f"/cases/{urllib.parse.quote(CASE)}", "/ncrs", "/ncrs/1",
             "/documents", "/downloads"]
    if DOC:
        pages.append(f"/documents/{urllib.parse.quote(DOC)}")
    d.get_log("browser")
    for width in (1280, 375):
        d.set_window_size(width, 900)
        for p in pages:
            d.get(BASE + p)
            if d.find_elements(By.CSS_SELECTOR, "p.refused"):
                fail(f"{p}: {d.find_element(By.CSS_SELECTOR, 'p.refused').text}")
            console_errors(d, f"{p} at {width} px")
            over = d.execute_script(
                "return document.documentElement.scrollWidth - "
                "document.documentElement.clientWidth")
            if over > 1:
                fail(f"{p} at {width} px is {over} px wider than the window")
            name = p.strip("/").replace("/", "-").replace("?", "-") or "overview"
            d.save_screenshot(f"{SHOTS}/{name}-{width}.png")
    d.set_window_size(1280, 900)
    logout(d)
    if "/login" not in d.current_url:
        fail(f"logout went to {d.current_url}")

    # ---- the auditor: no form, and its hand-made POST is refused ----
    login(d, "aud")
    d.get(BASE + "/ncrs/2")
    if d.find_elements(By.CSS_SELECTOR, "form.change"):
        fail("the auditor sees a form that changes the NCR")
    ac = cookie_of(d)
    acsrf = d.find_element(By.NAME, "csrf").get_attribute("value")
    if post("/ncrs/2", {"state": "analysed", "root-cause": "x",
                        "csrf": acsrf}, ac) != 403:
        fail("the auditor's hand-made POST was not refused 403")
    if post("/ncrs/1/verify", {"audit": AUDIT, "csrf": acsrf}, ac) != 403:
        fail("the auditor's verification was not refused 403")
    d.get(BASE + "/ncrs/2")
    if "open" not in (state_on_page(d) or ""):
        fail("the auditor's POST changed NCR-0002")
    d.save_screenshot(f"{SHOTS}/ncr-auditor-375.png")
    logout(d)

    # ---- the expired auditor cannot log in ----
    login(d, "old")
    if "/login" not in d.current_url or \
            "Wrong login or password" not in d.page_source:
        fail(f"the expired auditor logged in: {d.current_url}")

    # ---- the sixth wrong password waits ----
    # (the expired auditor's try counts for this address too)
    for i in range(5):
        login(d, "off", f"wrong-{i}")
        if "Too many failed logins" in d.page_source:
            break
        if "Wrong login or password" not in d.page_source:
            fail(f"wrong password {i + 1} was not refused")
    else:
        fail("five wrong passwords and the address does not wait")
    login(d, "off")
    if "Too many failed logins" not in d.page_source:
        fail("the sixth try did not wait")
    d.save_screenshot(f"{SHOTS}/login-throttled-1280.png")
finally:
    d.quit()

if failures:
    sys.exit(1)
print("browser: every check passed")
