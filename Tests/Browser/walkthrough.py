#!/usr/bin/python3
"""A member's walk through PressGate's pages in a real browser (Debian's headless Chromium through
chromedriver): forgot password → the e-mail in the SMTP sink → reset → login → account → change
password → logout, then an auto-login link, then two-step verification: an authenticator app set up
on the account page (its QR code, codes from pyotp as a phone would make them) and a login that asks
for the code. Every page is saved as a PNG in ARTEFACTS.

Usage: walkthrough.py BASE_URL MAIL_DIR ARTEFACTS LOGIN LOGIN_LINK_URL
Exit 0 when every step behaved; otherwise a message on stderr and exit 1."""
import glob
import os
import subprocess
import sys
import time

import pyotp

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

base, mail_dir, artefacts, login, link_url = sys.argv[1:6]
os.makedirs(artefacts, exist_ok=True)
step = 0


def shot(name):
    global step
    step += 1
    driver.save_screenshot(os.path.join(artefacts, f"{step:02d}-{name}.png"))


def expect(condition, message):
    if not condition:
        shot("failure")
        print(f"walkthrough: {message} (at {driver.current_url})", file=sys.stderr)
        driver.quit()
        sys.exit(1)


def mail_line(marker, count):
    """The URL containing `marker` in the newest of at least `count` e-mails that has one, on this test's host."""
    deadline = time.time() + 15
    while time.time() < deadline:
        files = sorted(glob.glob(os.path.join(mail_dir, "*.eml")))
        if len(files) >= count:
            for name in reversed(files):
                with open(name, encoding="utf-8") as message:
                    for word in message.read().split():
                        if marker in word and "/auth/" in word:
                            # The site's home is http://127.0.0.1:8080; the test stack listens elsewhere.
                            return base + word[word.index("/auth/"):]
        time.sleep(0.2)
    expect(False, f"no e-mail number {count} with {marker}")


def page_has(*texts, timeout=8):
    """Waits for the page after a click to contain every text (a click can return before the next page has loaded)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        source = driver.page_source
        if all(text in source for text in texts):
            return True
        time.sleep(0.1)
    return False


def url_has(text, timeout=8):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if text in driver.current_url:
            return True
        time.sleep(0.1)
    return False


def fill(field, value):
    element = driver.find_element(By.ID, field)
    element.clear()
    element.send_keys(value)


options = webdriver.ChromeOptions()
for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=900,900", "--disable-dev-shm-usage"):
    options.add_argument(argument)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
driver.set_page_load_timeout(20)

new_password = "Grüne Tomaten mit \"Zitrone\" 7"
changed_password = "a totally different sentence 8"

# Forgot password → the e-mail → reset.
driver.get(base + "/auth/login")
shot("login")
driver.find_element(By.LINK_TEXT, "Forgot password?").click()
shot("forgot")
fill("user_login", login)
driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
expect(page_has("If an account matches"), "the forgot page did not confirm")
shot("forgot-sent")
driver.get(mail_line("/auth/password/reset?login=", 1))
expect(url_has("/auth/password/reset") and page_has("Choose a new password"), "the reset link did not move the key into a cookie")
shot("reset")
# Long enough for the browser's own check, too common for PressGate's policy.
fill("pass1", "password123456")
fill("pass2", "password123456")
driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
expect(page_has("too common"), "a common password was not refused with a reason")
shot("reset-refused")
fill("pass1", new_password)
fill("pass2", new_password)
driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
expect(page_has("Your password was changed"), "the reset did not succeed")
shot("reset-done")

# Login → account → change password → logout.
driver.get(base + "/auth/login?redirect_to=/auth/account")
fill("user_login", login)
fill("user_pass", new_password)
driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
expect(page_has("Your account", "(this browser)"), "login did not reach the account page")
shot("account")
fill("current", new_password)
fill("pass1", changed_password)
fill("pass2", changed_password)
driver.find_elements(By.CSS_SELECTOR, "form[action$='/account/password'] button")[0].click()
expect(url_has("changed=1") and page_has("Your account"), "the password change did not come back to the account page")
shot("password-changed")
driver.get(base + "/members/")
expect(page_has("Members only"), "the fresh cookies did not open the members' folder")
shot("members")
driver.get(base + "/auth/account")
driver.find_element(By.CSS_SELECTOR, "form[action$='/logout'] button").click()
url_has("/auth/account", timeout=1)
time.sleep(0.5)
driver.get(base + "/members/")
expect(url_has("/auth/login"), "after logout the members' folder was still open")
shot("logged-out")

# An auto-login link minted before the password changes: revoked by them, so the page offers a
# fresh one by e-mail; that one works.
driver.delete_all_cookies()
driver.get(link_url)
expect(page_has("Continue to the site"), "the link did not show the continue page")
shot("link-continue")
driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
expect(page_has("This link does not work any more"), "a link minted before the password changes still worked")
shot("link-revoked")
fill("user_login", login)
driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
expect(page_has("If an account matches"), "the new-link request was not confirmed")
driver.get(mail_line("/auth/link?t=", 4))
expect(page_has("Continue to the site"), "the fresh link did not show the continue page")
driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
expect(page_has("Public page"), "the fresh link did not go to the site's front page")
driver.get(base + "/members/")
expect(page_has("Members only"), "the fresh link did not log in")
shot("link-used")

# Two-step verification: set up an authenticator app on the account page, then log in with it.
driver.get(base + "/auth/account")
expect(page_has("Two-step verification", "Set up an authenticator app"), "the account page has no two-step section")
driver.find_element(By.CSS_SELECTOR, "form[action$='/account/two-factor/setup'] button").click()
expect(page_has("Set up an authenticator app", "<svg"), "the setup page shows no QR code")
shot("two-factor-setup")
key = driver.find_element(By.NAME, "key").get_attribute("value")
# The QR code as Chromium drew it, read by a real decoder (zbar), as a phone's camera would.
screenshot = sorted(glob.glob(os.path.join(artefacts, "*-two-factor-setup.png")))[-1]
decoded = subprocess.run(["zbarimg", "--raw", "-q", screenshot], capture_output=True, text=True).stdout.strip()
expect(decoded.startswith("otpauth://totp/") and f"secret={key}&" in decoded, f"the QR code reads {decoded!r}")
fill("authcode", "000000")
driver.find_element(By.CSS_SELECTOR, "form[action$='/account/two-factor/totp'] button").click()
expect(page_has("The code is not correct"), "a wrong first code was accepted")
fill("authcode", pyotp.TOTP(key).now())
driver.find_element(By.CSS_SELECTOR, "form[action$='/account/two-factor/totp'] button").click()
expect(page_has("Two-step verification is on", "backup-codes"), "the first code did not turn it on")
shot("two-factor-backup-codes")
driver.get(base + "/auth/account")
expect(page_has("Backup codes left: 10"), "the account page does not show two-step verification as on")
shot("two-factor-on")
driver.find_element(By.CSS_SELECTOR, "form[action$='/logout'] button").click()
time.sleep(0.5)
driver.delete_all_cookies()
driver.get(base + "/auth/login?redirect_to=/members/")
fill("user_login", login)
fill("user_pass", changed_password)
driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
expect(page_has("Two-step verification", "Authentication code"), "the password alone did not ask for the code")
shot("two-factor-login")
expect(not any(c["name"].startswith("wordpress_logged_in_") for c in driver.get_cookies()), "the password alone set a session cookie")
fill("authcode", pyotp.TOTP(key).now())
driver.find_element(By.CSS_SELECTOR, "form[action$='/login/two-factor'] button").click()
expect(page_has("Members only"), "the code did not log in")
shot("two-factor-members")
driver.quit()
print(f"walkthrough: {step} pages, screenshots in {artefacts}")
