# Sourced by the scripts that need the Python test tools: makes sure .venv-test holds
# exactly tests/contract/requirements.txt, (re)installing when the pins changed.

ensure_test_venv() {
  TEST_VENV=.venv-test
  if ! cmp -s tests/contract/requirements.txt "$TEST_VENV/installed-requirements.txt"; then
    python3 -m venv "$TEST_VENV"
    "$TEST_VENV/bin/pip" install -q --disable-pip-version-check -r tests/contract/requirements.txt
    cp tests/contract/requirements.txt "$TEST_VENV/installed-requirements.txt"
  fi
}
