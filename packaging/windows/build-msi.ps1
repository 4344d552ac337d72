# Build the Windows installer from the bundle: dist\PlaybookReadiness-<version>-windows-x64.msi
#   pwsh packaging/windows/build-msi.ps1            (after: pyinstaller packaging/playbook.spec)
#   pwsh packaging/windows/build-msi.ps1 -Version 0.1.1 -Out dist\upgrade.msi   (an upgrade, for tests)
# Needs the .NET SDK (for the WiX v5 tool) and the build's Python with Pillow on PATH.
# Signs the MSI when WINDOWS_CERTIFICATE_PFX (base64) and WINDOWS_CERTIFICATE_PASSWORD are set.
param([string]$Version, [string]$Out)
$ErrorActionPreference = "Stop"
$repo = (Resolve-Path "$PSScriptRoot\..\..").Path
$version = if ($Version) { $Version } else {
    (python -c "import playbook_app; print(playbook_app.__version__)").Trim()
}
$bundle = Join-Path $repo "dist\PlaybookReadiness"
if (-not (Test-Path (Join-Path $bundle "PlaybookReadiness.exe"))) {
    throw "no bundle at ${bundle}: run pyinstaller packaging/playbook.spec first"
}
$icons = Join-Path $repo "build\msi-icons"
python (Join-Path $repo "packaging\icons\make_icons.py") --out $icons
if ($LASTEXITCODE -ne 0) { throw "icons failed" }

$wixVersion = "5.0.2"
if (-not (Get-Command wix -ErrorAction SilentlyContinue)) {
    dotnet tool install --global wix --version $wixVersion
    $env:PATH += ";$env:USERPROFILE\.dotnet\tools"
}
wix extension add --global "WixToolset.UI.wixext/$wixVersion"
if ($LASTEXITCODE -ne 0) { throw "wix extension add failed" }

# Signed programs inside a signed MSI, when the certificate is given.
$pfx = $null
if ($env:WINDOWS_CERTIFICATE_PFX) {
    $pfx = Join-Path $env:RUNNER_TEMP "signing.pfx"
    [IO.File]::WriteAllBytes($pfx, [Convert]::FromBase64String($env:WINDOWS_CERTIFICATE_PFX))
} else {
    Write-Host "WINDOWS_CERTIFICATE_PFX is not set: nothing is signed (SmartScreen will warn)."
}
function Sign-File([string]$file) {
    if (-not $pfx) { return }
    signtool sign /fd SHA256 /td SHA256 /tr http://timestamp.digicert.com `
        /f $pfx /p $env:WINDOWS_CERTIFICATE_PASSWORD $file
    if ($LASTEXITCODE -ne 0) { throw "signing $file failed" }
}

try {
    Sign-File "$bundle\PlaybookReadiness.exe"
    Sign-File "$bundle\playbook-app.exe"
    $msi = if ($Out) { $Out } else { Join-Path $repo "dist\PlaybookReadiness-$version-windows-x64.msi" }
    wix build (Join-Path $PSScriptRoot "playbook.wxs") -arch x64 -ext WixToolset.UI.wixext `
        -d "Version=$version" -d "BundleDir=$bundle" -d "IconFile=$icons\playbook.ico" `
        -d "LicenseRtf=$PSScriptRoot\License.rtf" -o $msi
    if ($LASTEXITCODE -ne 0) { throw "wix build failed" }
    Sign-File $msi
} finally {
    if ($pfx) { Remove-Item $pfx }
}
Write-Host "built $msi"
