# On a Windows runner: install the MSI for this user, use it, upgrade it, remove it, and show
# that the data survives the upgrade and the removal.
#   pwsh packaging/windows/smoke-msi.ps1 -Msi dist\PlaybookReadiness-X.Y.Z-windows-x64.msi -Upgrade dist\upgrade.msi
param([Parameter(Mandatory)][string]$Msi, [Parameter(Mandatory)][string]$Upgrade)
$ErrorActionPreference = "Stop"
$env:QT_QPA_PLATFORM = "offscreen"
$program = Join-Path $env:LOCALAPPDATA "Programs\Playbook Readiness\playbook-app.exe"
$data = Join-Path $env:LOCALAPPDATA "PlaybookReadiness"
$work = Join-Path $env:RUNNER_TEMP "msi-smoke"
New-Item -ItemType Directory -Force $work | Out-Null
Set-Location $work

function Run([string[]]$arguments) {
    & $program @arguments
    if ($LASTEXITCODE -ne 0) { throw "playbook-app $arguments exited $LASTEXITCODE" }
}
function Install([string]$file, [string]$log) {
    $p = Start-Process msiexec -ArgumentList "/i `"$file`" /qn /l*v $log" -Wait -PassThru
    if ($p.ExitCode -ne 0) { Get-Content $log -Tail 40; throw "msiexec /i $file exited $($p.ExitCode)" }
}

Install $Msi "install.log"
if (-not (Test-Path $program)) { throw "not installed per user at $program" }
Run @("--quit-when-ready")
Run @("content", "--json") | Out-Null
$id = (Run @("demo")).Trim()
Run @("agenda", "--pdf", "agenda.pdf")
Run @("export", "--assessment", $id, "--out", "cabinet.playbook.json")
Run @("import", "--data-dir", "$work\other", "cabinet.playbook.json")

Install $Upgrade "upgrade.log"
$listed = Run @("list", "--json") | ConvertFrom-Json
if ($listed.Count -ne 1) { throw "the upgrade lost the data: $($listed.Count) assessments" }

$p = Start-Process msiexec -ArgumentList "/x `"$Upgrade`" /qn /l*v uninstall.log" -Wait -PassThru
if ($p.ExitCode -ne 0) { throw "msiexec /x exited $($p.ExitCode)" }
if (Test-Path $program) { throw "the program is still there after removal" }
if (-not (Test-Path (Join-Path $data "playbook.sqlite3"))) { throw "removal touched the data" }
Write-Host "MSI: installed per user, ran, upgraded with data kept, removed with data kept"
