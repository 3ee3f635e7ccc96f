# 社区公开栏: `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Non-browser tests run in parallel, one process per CPU (pytest-xdist); TEST_JOBS=0 runs them in one.
TEST_JOBS ?= auto
DEMO_PASSWORD ?= gongkailan2026
export DEMO_PASSWORD

.DEFAULT_GOAL := help
.PHONY: help run test test-postgres screenshots lint format demo migrate install install-dev clean bench-search bench messages

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-12s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check -q --upgrade pip

# Stamp files: reinstall only when the requirement files change.
$(VENV)/.installed: $(BIN)/python requirements.txt
	$(BIN)/pip install --disable-pip-version-check -q -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(BIN)/pip install --disable-pip-version-check -q -r requirements-dev.txt
	touch $@

# axe-core for the browser tests' accessibility checks (pinned in package-lock.json).
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed ## Create .venv and install requirements.txt

install-dev: $(VENV)/.installed-dev ## Install what the tests need as well

migrate: install ## Apply database migrations
	$(BIN)/python manage.py migrate --noinput

demo: migrate ## (Re)load the demo sub-district and its communities; safe to repeat
	$(BIN)/python manage.py load_demo --port $(PORT)

run: migrate ## Set up everything and serve on http://127.0.0.1:$(PORT)/
	$(BIN)/python manage.py load_demo --if-empty --port $(PORT)
	@echo ""
	@echo "  各社区网址（管理后台都在 http://127.0.0.1:$(PORT)/admin/）:"
	@$(BIN)/python manage.py list_communities
	@echo "  演示账号（密码均为 $(DEMO_PASSWORD)）:"
	@echo "    历山名郡社区: admin 站点管理员 · staff1 社区工作人员 · chief 主编"
	@echo "                  editor1, editor2 居民编辑 · committee1, committee2, committee3 监委会"
	@echo "    锦绣社区、乐安社区: jinxiu-admin, jinxiu-staff, jinxiu-chief, jinxiu-editor, jinxiu-committee1/2（乐安为 lean-…）"
	@echo "    历山街道: jiedao-admin 街道管理员 · jiedao-jiandu 街道监督"
	@echo "    管理员、监委会成员和街道管理员首次登录需用手机验证器扫码开启两步验证（见 README“两步验证”）"
	@echo ""
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

lint: install-dev ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev ## Format and fix with ruff
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: install-dev node_modules/.installed ## Run lint, Django checks and the whole test suite
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=portal.settings.test $(BIN)/python manage.py check
	DJANGO_SETTINGS_MODULE=portal.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest -m "not browser" -n $(TEST_JOBS)
	$(BIN)/python -m pytest -m browser

screenshots: install-dev node_modules/.installed ## PNGs of every public page type and the journeys' admin screens in screenshots/
	rm -rf screenshots
	SCREENSHOTS_DIR=screenshots $(BIN)/python -m pytest tests/browser -q
	$(BIN)/python tests/browser/readme_screenshots.py screenshots
	@echo "截图已保存到 screenshots/（README 用的四张在 docs/screenshots/）"

test-postgres: install-dev ## The whole non-browser suite on DATABASE_URL's PostgreSQL (cache on REDIS_URL's Redis)
	@test -n "$$DATABASE_URL" || { echo "请设置 DATABASE_URL=postgres://..."; exit 2; }
	@test -n "$$REDIS_URL" || echo "未设置 REDIS_URL：缓存用进程内存，标记为 redis 的测试会跳过"
	$(BIN)/python -m pytest -m "not browser" -n $(TEST_JOBS)

messages: install ## Compile locale/ (the admin's Chinese) after editing a .po file; needs gettext
	$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=node_modules

clean: ## Remove the virtualenv, database, media and caches
	rm -rf $(VENV) node_modules db.sqlite3 media staticfiles .cache .pytest_cache .ruff_cache

bench-search: install ## Search benchmark on a new database (SQLite, or DATABASE_URL's PostgreSQL)
	@if [ -z "$$DATABASE_URL" ]; then \
	  db=$$(mktemp -d)/bench.sqlite3; \
	  echo "SQLite: $$db"; \
	  DATABASE_URL=sqlite:///$$db $(BIN)/python manage.py migrate --noinput -v0 && \
	  DATABASE_URL=sqlite:///$$db $(BIN)/python manage.py search_benchmark; \
	else \
	  $(BIN)/python manage.py migrate --noinput -v0 && $(BIN)/python manage.py search_benchmark; \
	fi

bench: install ## Throughput of every public page type at full and 1% data under gunicorn (a few minutes)
	$(BIN)/python -m home.bench.run
