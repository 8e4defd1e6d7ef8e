#!/usr/bin/python3
"""A member's walk through PressGate's pages in a real browser (Debian's headless Chromium through
chromedriver): forgot password → the e-mail in the SMTP sink → reset → login → account → change
password → logout, then an auto-login link. Every page is saved as a PNG in ARTEFACTS.

Usage: walkthrough.py BASE_URL MAIL_DIR ARTEFACTS LOGIN LOGIN_LINK_URL
Exit 0 when every step behaved; otherwise a message on stderr and exit 1."""
import glob
import os
import sys
import time

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
    deadline = time.time() + 15
    while time.time() < deadline:
        files = sorted(glob.glob(os.path.join(mail_dir, "*.eml")))
        if len(files) >= count:
            with open(files[count - 1], encoding="utf-8") as message:
                for line in message.read().split("\r\n"):
                    if marker in line:
                        return line.strip().split(" ")[-1]
        time.sleep(0.2)
    expect(False, f"no e-mail number {count} with {marker}")


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
expect("If an account matches" in driver.page_source, "the forgot page did not confirm")
shot("forgot-sent")
driver.get(mail_line("/auth/password/reset?login=", 1))
expect(driver.current_url.endswith("/auth/password/reset"), "the reset link did not move the key into a cookie")
shot("reset")
fill("pass1", "short")
fill("pass2", "short")
driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
expect("at least" in driver.page_source, "a short password was not refused with a reason")
shot("reset-refused")
fill("pass1", new_password)
fill("pass2", new_password)
driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
expect("Your password was changed" in driver.page_source, "the reset did not succeed")
shot("reset-done")

# Login → account → change password → logout.
driver.get(base + "/auth/login?redirect_to=/auth/account")
fill("user_login", login)
fill("user_pass", new_password)
driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
expect("Your account" in driver.page_source and "(this browser)" in driver.page_source, "login did not reach the account page")
shot("account")
fill("current", new_password)
fill("pass1", changed_password)
fill("pass2", changed_password)
driver.find_elements(By.CSS_SELECTOR, "form[action$='/account/password'] button")[0].click()
expect("Your account" in driver.page_source, "the password change did not come back to the account page")
shot("password-changed")
driver.get(base + "/members/")
expect("Members only" in driver.page_source, "the fresh cookies did not open the members' folder")
shot("members")
driver.get(base + "/auth/account")
driver.find_element(By.CSS_SELECTOR, "form[action$='/logout'] button").click()
driver.get(base + "/members/")
expect("/auth/login" in driver.current_url, "after logout the members' folder was still open")
shot("logged-out")

# An auto-login link: the continue page, then in.
driver.delete_all_cookies()
driver.get(link_url)
expect("Continue to the site" in driver.page_source, "the link did not show the continue page")
shot("link-continue")
driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
expect("Members only" in driver.page_source, "the link did not log in and go to its page")
shot("link-used")
driver.quit()
print(f"walkthrough: {step} pages, screenshots in {artefacts}")
