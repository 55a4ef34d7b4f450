#!/usr/bin/env bash
# Adds one EF Core migration to a service, for both providers (PostgreSQL and SQLite), in
# src/HelpDesk.<Service>/Infrastructure/Migrations/{PostgreSql,Sqlite}. See docs/contributing.md, "Changing a model".
#   scripts/add-migration.sh Intake AddTicketWatchers
#   scripts/add-migration.sh --list Intake          (the migrations each provider knows)
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${1:-}" == "--list" ]]; then
  project="src/HelpDesk.${2:?service name, e.g. Intake}"
  dotnet tool restore >/dev/null
  dotnet build "$project" -c Debug -v q -nologo >/dev/null
  for provider in PostgreSql Sqlite; do
    echo "== $provider"
    dotnet ef migrations list --project "$project" --no-build --no-connect -- --provider "$provider"
  done
  exit 0
fi

service="${1:?usage: scripts/add-migration.sh <Service> <MigrationName>}"
name="${2:?usage: scripts/add-migration.sh <Service> <MigrationName>}"
project="src/HelpDesk.$service"
[[ -d "$project" ]] || { echo "No project $project" >&2; exit 2; }
factory=$(ls "$project"/Infrastructure/*DbContextFactory.cs)
context=$(basename "$factory" Factory.cs)

dotnet tool restore >/dev/null
dotnet build "$project" -c Debug -v q -nologo
for provider in PostgreSql Sqlite; do
  dir="$project/Infrastructure/Migrations/$provider"
  dotnet ef migrations add "$name" --project "$project" --no-build \
    --output-dir "Infrastructure/Migrations/$provider" -- --provider "$provider"
  # EF names a first snapshot <Context>ModelSnapshot; each provider's gets its own name so the tools never
  # mistake one provider's snapshot file for the other's.
  if [[ -f "$dir/${context}ModelSnapshot.cs" ]]; then
    sed -i "s/class ${context}ModelSnapshot /class ${context}${provider}ModelSnapshot /" "$dir/${context}ModelSnapshot.cs"
    mv "$dir/${context}ModelSnapshot.cs" "$dir/${context}${provider}ModelSnapshot.cs"
  fi
done
git status --short "$project/Infrastructure/Migrations"
