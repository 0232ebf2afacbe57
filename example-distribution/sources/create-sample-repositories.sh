#!/usr/bin/env bash
#
# Builds the two sample git repositories used by the example distribution and
# writes them as git bundles next to this script:
#
#   magento-security-sample.bundle  - multi-package repository (one Magento module
#                                     per top-level folder + a metapackage), modelled
#                                     on magento/security-package
#   composer-plugin-sample.bundle   - single library whose root is the package,
#                                     modelled on magento/composer-dependency-version-audit-plugin
#
# The output is reproducible: running the script again produces byte-identical
# bundles (fixed identities, fixed dates, no user/system git config, no gc,
# single-threaded packing).
#
# Usage: ./create-sample-repositories.sh
#
set -euo pipefail
umask 022

export LC_ALL=C
export TZ=UTC

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# --- isolate git from the environment -------------------------------------
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY \
      GIT_ALTERNATE_OBJECT_DIRECTORIES GIT_CONFIG GIT_CONFIG_PARAMETERS \
      GIT_CONFIG_COUNT GIT_TEMPLATE_DIR GIT_AUTHOR_DATE GIT_COMMITTER_DATE \
      GIT_NAMESPACE GIT_REPLACE_REF_BASE || true
export HOME="$WORK/home"
export XDG_CONFIG_HOME="$HOME/.config"
mkdir -p "$HOME" "$WORK/empty-template"
export GIT_CONFIG_NOSYSTEM=1
export GIT_CONFIG_GLOBAL=/dev/null
export GIT_NO_REPLACE_OBJECTS=1
export GIT_AUTHOR_NAME="Sample Maintainer"
export GIT_AUTHOR_EMAIL="maintainer@example.com"
export GIT_COMMITTER_NAME="Sample Maintainer"
export GIT_COMMITTER_EMAIL="maintainer@example.com"

# 2024-01-10T10:00:00Z; every commit of a repository is one day after the previous one.
BASE_EPOCH=1704880800

g() {
    git -c init.defaultBranch=main \
        -c commit.gpgsign=false \
        -c tag.gpgsign=false \
        -c gc.auto=0 \
        -c maintenance.auto=false \
        -c core.autocrlf=false \
        -c core.fileMode=true \
        -c core.hooksPath=/dev/null \
        -c pack.threads=1 \
        -c pack.compression=9 \
        "$@"
}

date_for_day() {
    echo "$((BASE_EPOCH + $1 * 86400)) +0000"
}

# commit_day DAY MESSAGE : stages everything and commits with the date of DAY
commit_day() {
    local d
    d="$(date_for_day "$1")"
    g add -A
    GIT_AUTHOR_DATE="$d" GIT_COMMITTER_DATE="$d" g commit -q --no-verify -m "$2"
}

# tag_day DAY TAG MESSAGE : annotated tag on HEAD with the date of DAY
tag_day() {
    local d
    d="$(date_for_day "$1")"
    GIT_COMMITTER_DATE="$d" g tag -a -m "$3" "$2"
}

init_repo() {
    mkdir -p "$1"
    g init -q --template="$WORK/empty-template" "$1"
}

write_bundle() {
    local repo="$1" name="$2"
    (cd "$repo" && g bundle create "$WORK/$name.bundle" --all 2>/dev/null)
    mv -f "$WORK/$name.bundle" "$SCRIPT_DIR/$name.bundle"
    echo "wrote $SCRIPT_DIR/$name.bundle"
}

###############################################################################
# Repository 1: magento-security-sample
###############################################################################

# --- composer.json writers (versions/constraints are parameters) -----------

# securitytxt_composer VERSION PHP_CONSTRAINT
securitytxt_composer() {
    local ns='Magento\\Securitytxt\\'
    cat > Securitytxt/composer.json <<EOF
{
    "name": "magento/module-securitytxt",
    "description": "Provides a security.txt file for the storefront (RFC 9116).",
    "type": "magento2-module",
    "license": [
        "OSL-3.0",
        "AFL-3.0"
    ],
    "version": "$1",
    "require": {
        "php": "$2"
    },
    "autoload": {
        "files": [
            "registration.php"
        ],
        "psr-4": {
            "$ns": ""
        }
    }
}
EOF
}

# recaptcha_ui_composer VERSION
recaptcha_ui_composer() {
    local ns='Magento\\ReCaptchaUi\\'
    cat > ReCaptchaUi/composer.json <<EOF
{
    "name": "magento/module-re-captcha-ui",
    "description": "Google reCAPTCHA UI components shared by storefront and admin forms.",
    "type": "magento2-module",
    "license": [
        "OSL-3.0",
        "AFL-3.0"
    ],
    "version": "$1",
    "require": {
        "php": "~8.1.0||~8.2.0||~8.3.0"
    },
    "autoload": {
        "files": [
            "registration.php"
        ],
        "psr-4": {
            "$ns": ""
        }
    }
}
EOF
}

# recaptcha_admin_ui_composer VERSION UI_CONSTRAINT
recaptcha_admin_ui_composer() {
    local ns='Magento\\ReCaptchaAdminUi\\'
    cat > ReCaptchaAdminUi/composer.json <<EOF
{
    "name": "magento/module-re-captcha-admin-ui",
    "description": "Google reCAPTCHA configuration for the admin panel.",
    "type": "magento2-module",
    "license": [
        "OSL-3.0",
        "AFL-3.0"
    ],
    "version": "$1",
    "require": {
        "php": "~8.1.0||~8.2.0||~8.3.0",
        "magento/module-re-captcha-ui": "$2"
    },
    "autoload": {
        "files": [
            "registration.php"
        ],
        "psr-4": {
            "$ns": ""
        }
    }
}
EOF
}

# two_factor_auth_composer VERSION AUDIT_PLUGIN_CONSTRAINT
two_factor_auth_composer() {
    local ns='Magento\\TwoFactorAuth\\'
    cat > TwoFactorAuth/composer.json <<EOF
{
    "name": "magento/module-two-factor-auth",
    "description": "Two-factor authentication for admin users.",
    "type": "magento2-module",
    "license": [
        "OSL-3.0",
        "AFL-3.0"
    ],
    "version": "$1",
    "require": {
        "php": "~8.1.0||~8.2.0||~8.3.0",
        "ext-json": "*",
        "magento/composer-dependency-version-audit-plugin": "$2"
    },
    "autoload": {
        "files": [
            "registration.php"
        ],
        "psr-4": {
            "$ns": ""
        }
    }
}
EOF
}

# metapackage_composer VERSION SECURITYTXT RECAPTCHA_UI RECAPTCHA_ADMIN_UI TWO_FACTOR_AUTH
metapackage_composer() {
    cat > _metapackage/composer.json <<EOF
{
    "name": "magento/security-package",
    "description": "Magento Security Package: all security related modules.",
    "type": "metapackage",
    "license": [
        "OSL-3.0",
        "AFL-3.0"
    ],
    "version": "$1",
    "require": {
        "magento/module-securitytxt": "$2",
        "magento/module-re-captcha-ui": "$3",
        "magento/module-re-captcha-admin-ui": "$4",
        "magento/module-two-factor-auth": "$5"
    }
}
EOF
}

# registration.php + etc/module.xml for a module: module_skeleton DIR [SEQUENCE_MODULE]
module_skeleton() {
    local dir="$1" seq="${2:-}"
    mkdir -p "$dir/etc"
    cat > "$dir/registration.php" <<EOF
<?php
/**
 * Copyright © Magento, Inc. All rights reserved.
 * See COPYING.txt for license details.
 */
declare(strict_types=1);

use Magento\Framework\Component\ComponentRegistrar;

ComponentRegistrar::register(ComponentRegistrar::MODULE, 'Magento_$dir', __DIR__);
EOF
    if [ -n "$seq" ]; then
        cat > "$dir/etc/module.xml" <<EOF
<?xml version="1.0"?>
<config xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="urn:magento:framework:Module/etc/module.xsd">
    <module name="Magento_$dir">
        <sequence>
            <module name="Magento_$seq"/>
        </sequence>
    </module>
</config>
EOF
    else
        cat > "$dir/etc/module.xml" <<EOF
<?xml version="1.0"?>
<config xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="urn:magento:framework:Module/etc/module.xsd">
    <module name="Magento_$dir"/>
</config>
EOF
    fi
}

build_security_repo() {
    local repo="$WORK/magento-security-sample"
    init_repo "$repo"
    cd "$repo"

    # ----------------------------------------------------------------- 1.1.0
    mkdir -p .github/workflows dev/tests/unit _metapackage

    cat > README.md <<'EOF'
# Magento Security Package (sample)

Sample multi-package repository: every top-level folder containing a
`composer.json` is a Composer package. `_metapackage` holds the
`magento/security-package` metapackage that requires all modules.
EOF

    cat > .gitignore <<'EOF'
/vendor/
/.idea/
EOF

    cat > .github/workflows/ci.yml <<'EOF'
name: CI

on:
  push:
    branches: [main, '*-develop']
  pull_request:

jobs:
  unit-tests:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: shivammathur/setup-php@v2
        with:
          php-version: '8.3'
      - run: vendor/bin/phpunit -c dev/tests/unit/phpunit.xml.dist
EOF

    cat > dev/tests/unit/phpunit.xml.dist <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<phpunit xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:noNamespaceSchemaLocation="https://schema.phpunit.de/10.5/phpunit.xsd"
         colors="true">
    <testsuites>
        <testsuite name="Security Package Unit Tests">
            <directory>../../../*/Test/Unit</directory>
        </testsuite>
    </testsuites>
</phpunit>
EOF

    cat > dev/tests/README.md <<'EOF'
Test configuration for the whole repository. This folder is not a package.
EOF

    # --- Securitytxt (1.0.0) ---
    module_skeleton Securitytxt
    mkdir -p Securitytxt/Model Securitytxt/view/frontend/web/js Securitytxt/Test/Unit/Model
    securitytxt_composer 1.0.0 '~8.1.0||~8.2.0||~8.3.0'
    cat > Securitytxt/Model/Config.php <<'EOF'
<?php
/**
 * Copyright © Magento, Inc. All rights reserved.
 * See COPYING.txt for license details.
 */
declare(strict_types=1);

namespace Magento\Securitytxt\Model;

class Config
{
    public function __construct(
        private readonly string $contactEmail = '',
        private readonly string $expires = ''
    ) {
    }

    public function getContactEmail(): string
    {
        return $this->contactEmail;
    }

    public function getExpires(): string
    {
        return $this->expires;
    }
}
EOF
    cat > Securitytxt/Model/SecurityTxtContent.php <<'EOF'
<?php
/**
 * Copyright © Magento, Inc. All rights reserved.
 * See COPYING.txt for license details.
 */
declare(strict_types=1);

namespace Magento\Securitytxt\Model;

class SecurityTxtContent
{
    public function __construct(private readonly Config $config)
    {
    }

    public function render(): string
    {
        return 'Contact: mailto:' . $this->config->getContactEmail() . "\n"
            . 'Expires: ' . $this->config->getExpires() . "\n";
    }
}
EOF
    cat > Securitytxt/view/frontend/web/js/security-txt-link.js <<'EOF'
define([], function () {
    'use strict';

    return function (config, element) {
        element.setAttribute('href', config.url || '/.well-known/security.txt');
    };
});
EOF
    cat > Securitytxt/README.md <<'EOF'
# Magento_Securitytxt

Serves `/.well-known/security.txt` as described in RFC 9116.
EOF
    cat > Securitytxt/.gitattributes <<'EOF'
/Test export-ignore
EOF
    cat > Securitytxt/Test/Unit/Model/SecurityTxtContentTest.php <<'EOF'
<?php
/**
 * Copyright © Magento, Inc. All rights reserved.
 * See COPYING.txt for license details.
 */
declare(strict_types=1);

namespace Magento\Securitytxt\Test\Unit\Model;

use Magento\Securitytxt\Model\Config;
use Magento\Securitytxt\Model\SecurityTxtContent;
use PHPUnit\Framework\TestCase;

class SecurityTxtContentTest extends TestCase
{
    public function testRenderContainsContact(): void
    {
        $content = new SecurityTxtContent(new Config('security@example.com', '2030-01-01T00:00:00Z'));
        $this->assertStringContainsString('Contact: mailto:security@example.com', $content->render());
    }
}
EOF

    # --- ReCaptchaUi (1.1.0) ---
    module_skeleton ReCaptchaUi
    mkdir -p ReCaptchaUi/Model ReCaptchaUi/view/frontend/web/js
    recaptcha_ui_composer 1.1.0
    cat > ReCaptchaUi/Model/UiConfigResolver.php <<'EOF'
<?php
/**
 * Copyright © Magento, Inc. All rights reserved.
 * See COPYING.txt for license details.
 */
declare(strict_types=1);

namespace Magento\ReCaptchaUi\Model;

class UiConfigResolver
{
    public function get(string $key): array
    {
        return [
            'formKey' => $key,
            'theme' => 'light',
            'size' => 'normal',
        ];
    }
}
EOF
    cat > ReCaptchaUi/Model/CaptchaTypeResolver.php <<'EOF'
<?php
/**
 * Copyright © Magento, Inc. All rights reserved.
 * See COPYING.txt for license details.
 */
declare(strict_types=1);

namespace Magento\ReCaptchaUi\Model;

class CaptchaTypeResolver
{
    public function getCaptchaTypeFor(string $key): ?string
    {
        return $key === '' ? null : 'recaptcha_v3';
    }
}
EOF
    cat > ReCaptchaUi/view/frontend/web/js/reCaptcha.js <<'EOF'
define(['jquery'], function ($) {
    'use strict';

    return function (config, element) {
        $(element).attr('data-size', config.size || 'normal');
    };
});
EOF
    cat > ReCaptchaUi/README.md <<'EOF'
# Magento_ReCaptchaUi

UI components used to render Google reCAPTCHA on forms.
EOF

    # --- ReCaptchaAdminUi (1.1.0) ---
    module_skeleton ReCaptchaAdminUi ReCaptchaUi
    mkdir -p ReCaptchaAdminUi/Model ReCaptchaAdminUi/view/frontend/web/js
    recaptcha_admin_ui_composer 1.1.0 '^1.1'
    cat > ReCaptchaAdminUi/Model/CaptchaConfig.php <<'EOF'
<?php
/**
 * Copyright © Magento, Inc. All rights reserved.
 * See COPYING.txt for license details.
 */
declare(strict_types=1);

namespace Magento\ReCaptchaAdminUi\Model;

class CaptchaConfig
{
    public function isEnabledFor(string $formKey): bool
    {
        return in_array($formKey, ['admin_login', 'admin_forgot_password'], true);
    }
}
EOF
    cat > ReCaptchaAdminUi/view/frontend/web/js/admin-recaptcha.js <<'EOF'
define(['Magento_ReCaptchaUi/js/reCaptcha'], function (reCaptcha) {
    'use strict';

    return function (config, element) {
        return reCaptcha(config, element);
    };
});
EOF
    cat > ReCaptchaAdminUi/README.md <<'EOF'
# Magento_ReCaptchaAdminUi

Admin panel configuration for Google reCAPTCHA.
EOF

    # --- TwoFactorAuth (1.1.0) ---
    module_skeleton TwoFactorAuth
    mkdir -p TwoFactorAuth/Model TwoFactorAuth/view/frontend/web/js
    two_factor_auth_composer 1.1.0 '^0.1'
    cat > TwoFactorAuth/Model/TfaSession.php <<'EOF'
<?php
/**
 * Copyright © Magento, Inc. All rights reserved.
 * See COPYING.txt for license details.
 */
declare(strict_types=1);

namespace Magento\TwoFactorAuth\Model;

class TfaSession
{
    private bool $granted = false;

    public function grantAccess(): void
    {
        $this->granted = true;
    }

    public function isGranted(): bool
    {
        return $this->granted;
    }
}
EOF
    cat > TwoFactorAuth/Model/Provider.php <<'EOF'
<?php
/**
 * Copyright © Magento, Inc. All rights reserved.
 * See COPYING.txt for license details.
 */
declare(strict_types=1);

namespace Magento\TwoFactorAuth\Model;

class Provider
{
    public function __construct(private readonly string $code = 'google')
    {
    }

    public function verify(string $token): bool
    {
        return strlen($token) === 6 && ctype_digit($token);
    }
}
EOF
    cat > TwoFactorAuth/view/frontend/web/js/tfa.js <<'EOF'
define(['jquery'], function ($) {
    'use strict';

    return function (config, element) {
        $(element).find('input[name="tfa_code"]').attr('maxlength', 6);
    };
});
EOF
    cat > TwoFactorAuth/README.md <<'EOF'
# Magento_TwoFactorAuth

Enforces two-factor authentication for admin users.
EOF

    metapackage_composer 1.1.0 1.0.0 1.1.0 1.1.0 1.1.0
    commit_day 0 "Security package 1.1.0"
    tag_day 0 1.1.0 "Release 1.1.0"

    # ----------------------------------------------------------------- 1.1.1
    # Securitytxt 1.0.1: bug fix (Expires line only when configured)
    securitytxt_composer 1.0.1 '~8.1.0||~8.2.0||~8.3.0'
    cat > Securitytxt/Model/SecurityTxtContent.php <<'EOF'
<?php
/**
 * Copyright © Magento, Inc. All rights reserved.
 * See COPYING.txt for license details.
 */
declare(strict_types=1);

namespace Magento\Securitytxt\Model;

class SecurityTxtContent
{
    public function __construct(private readonly Config $config)
    {
    }

    public function render(): string
    {
        $content = 'Contact: mailto:' . $this->config->getContactEmail() . "\n";
        if ($this->config->getExpires() !== '') {
            $content .= 'Expires: ' . $this->config->getExpires() . "\n";
        }
        return $content;
    }
}
EOF
    metapackage_composer 1.1.1 1.0.1 1.1.0 1.1.0 1.1.0
    commit_day 1 "Securitytxt: omit empty Expires field"
    tag_day 1 1.1.1 "Release 1.1.1"

    # ----------------------------------------------------------------- 1.1.2
    # ReCaptchaUi 1.1.1 + ReCaptchaAdminUi 1.1.1 (requires the new UI version)
    recaptcha_ui_composer 1.1.1
    cat > ReCaptchaUi/Model/UiConfigResolver.php <<'EOF'
<?php
/**
 * Copyright © Magento, Inc. All rights reserved.
 * See COPYING.txt for license details.
 */
declare(strict_types=1);

namespace Magento\ReCaptchaUi\Model;

class UiConfigResolver
{
    public function get(string $key): array
    {
        return [
            'formKey' => $key,
            'theme' => 'light',
            'size' => 'invisible',
            'badge' => 'bottomright',
        ];
    }
}
EOF
    cat > ReCaptchaUi/view/frontend/web/js/reCaptcha.js <<'EOF'
define(['jquery'], function ($) {
    'use strict';

    return function (config, element) {
        $(element)
            .attr('data-size', config.size || 'invisible')
            .attr('data-badge', config.badge || 'bottomright');
    };
});
EOF
    recaptcha_admin_ui_composer 1.1.1 '^1.1.1'
    cat > ReCaptchaAdminUi/Model/CaptchaConfig.php <<'EOF'
<?php
/**
 * Copyright © Magento, Inc. All rights reserved.
 * See COPYING.txt for license details.
 */
declare(strict_types=1);

namespace Magento\ReCaptchaAdminUi\Model;

class CaptchaConfig
{
    private const FORMS = ['admin_login', 'admin_forgot_password', 'admin_user_create'];

    public function isEnabledFor(string $formKey): bool
    {
        return in_array($formKey, self::FORMS, true);
    }
}
EOF
    metapackage_composer 1.1.2 1.0.1 1.1.1 1.1.1 1.1.0
    commit_day 2 "ReCaptcha: invisible badge by default, protect admin user creation"
    tag_day 2 1.1.2 "Release 1.1.2"

    # -------------------------------------------------------------- 1.1.3-p1
    # TwoFactorAuth 1.1.1: security fix, needs audit plugin >= 0.1.1
    two_factor_auth_composer 1.1.1 '^0.1.1'
    cat > TwoFactorAuth/Model/Provider.php <<'EOF'
<?php
/**
 * Copyright © Magento, Inc. All rights reserved.
 * See COPYING.txt for license details.
 */
declare(strict_types=1);

namespace Magento\TwoFactorAuth\Model;

class Provider
{
    public function __construct(private readonly string $code = 'google')
    {
    }

    public function verify(string $token): bool
    {
        $token = trim($token);
        return strlen($token) === 6 && ctype_digit($token) && $token !== '000000';
    }
}
EOF
    metapackage_composer 1.1.3-p1 1.0.1 1.1.1 1.1.1 1.1.1
    commit_day 3 "TwoFactorAuth: reject trivial tokens (security fix)"
    tag_day 3 1.1.3-p1 "Release 1.1.3-p1"
    tag_day 3 not-a-version "Marker tag that is not a Composer version"

    # ---------------------------------------------------------- 2.0-develop
    # Development branch: Securitytxt 2.0.0 drops PHP 8.1.
    g checkout -q -b 2.0-develop
    securitytxt_composer 2.0.0 '~8.2.0||~8.3.0'
    cat > Securitytxt/Model/Config.php <<'EOF'
<?php
/**
 * Copyright © Magento, Inc. All rights reserved.
 * See COPYING.txt for license details.
 */
declare(strict_types=1);

namespace Magento\Securitytxt\Model;

readonly class Config
{
    public function __construct(
        private string $contactEmail = '',
        private string $expires = '',
        private string $policyUrl = ''
    ) {
    }

    public function getContactEmail(): string
    {
        return $this->contactEmail;
    }

    public function getExpires(): string
    {
        return $this->expires;
    }

    public function getPolicyUrl(): string
    {
        return $this->policyUrl;
    }
}
EOF
    metapackage_composer 2.0.0 2.0.0 1.1.1 1.1.1 1.1.1
    commit_day 4 "Securitytxt 2.0.0: readonly config, drop PHP 8.1"
    g checkout -q main

    cd "$WORK"
    write_bundle "$repo" magento-security-sample
}

###############################################################################
# Repository 2: composer-plugin-sample
###############################################################################

build_plugin_repo() {
    local repo="$WORK/composer-plugin-sample"
    init_repo "$repo"
    cd "$repo"
    mkdir -p src/Utils tests/Unit/Utils

    # ---------------------------------------------------------------- v0.1.0
    cat > composer.json <<'EOF'
{
    "name": "magento/composer-dependency-version-audit-plugin",
    "description": "Validates that installed packages come from the expected repository and version.",
    "type": "library",
    "license": "MIT",
    "require": {
        "php": ">=7.4"
    },
    "autoload": {
        "psr-4": {
            "Magento\\ComposerDependencyVersionAuditPlugin\\": "src/"
        }
    },
    "autoload-dev": {
        "psr-4": {
            "Magento\\ComposerDependencyVersionAuditPlugin\\Test\\": "tests/"
        }
    }
}
EOF
    cat > LICENSE <<'EOF'
MIT License

Copyright (c) 2024 Sample Maintainer

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
EOF
    cat > README.md <<'EOF'
# composer-dependency-version-audit-plugin (sample)

Small library that compares the version of an installed package with the
highest version available in a repository. The package version is taken from
the git tag; `composer.json` has no `version` field.
EOF
    cat > .gitattributes <<'EOF'
/tests export-ignore
.gitattributes export-ignore
EOF
    cat > src/Plugin.php <<'EOF'
<?php
declare(strict_types=1);

namespace Magento\ComposerDependencyVersionAuditPlugin;

use Magento\ComposerDependencyVersionAuditPlugin\Utils\Version;

class Plugin
{
    /**
     * @param array<string, string> $installed package name => version
     * @param array<string, string> $available package name => highest version in the repository
     * @return string[] names of packages that have a newer version available
     */
    public function audit(array $installed, array $available): array
    {
        $outdated = [];
        foreach ($installed as $name => $version) {
            if (isset($available[$name]) && Version::isNewer($available[$name], $version)) {
                $outdated[] = $name;
            }
        }
        return $outdated;
    }
}
EOF
    cat > src/Utils/Version.php <<'EOF'
<?php
declare(strict_types=1);

namespace Magento\ComposerDependencyVersionAuditPlugin\Utils;

class Version
{
    public static function isNewer(string $candidate, string $current): bool
    {
        return version_compare($candidate, $current, '>');
    }
}
EOF
    cat > tests/Unit/Utils/VersionTest.php <<'EOF'
<?php
declare(strict_types=1);

namespace Magento\ComposerDependencyVersionAuditPlugin\Test\Unit\Utils;

use Magento\ComposerDependencyVersionAuditPlugin\Utils\Version;
use PHPUnit\Framework\TestCase;

class VersionTest extends TestCase
{
    public function testIsNewer(): void
    {
        $this->assertTrue(Version::isNewer('1.1.0', '1.0.9'));
        $this->assertFalse(Version::isNewer('1.0.0', '1.0.0'));
    }
}
EOF
    commit_day 0 "Initial version of the dependency version audit library"
    tag_day 0 v0.1.0 "v0.1.0"

    # ---------------------------------------------------------------- v0.1.1
    # Fix: tolerate a leading "v" in versions
    cat > src/Utils/Version.php <<'EOF'
<?php
declare(strict_types=1);

namespace Magento\ComposerDependencyVersionAuditPlugin\Utils;

class Version
{
    public static function normalize(string $version): string
    {
        return ltrim(trim($version), 'vV');
    }

    public static function isNewer(string $candidate, string $current): bool
    {
        return version_compare(self::normalize($candidate), self::normalize($current), '>');
    }
}
EOF
    cat > tests/Unit/Utils/VersionTest.php <<'EOF'
<?php
declare(strict_types=1);

namespace Magento\ComposerDependencyVersionAuditPlugin\Test\Unit\Utils;

use Magento\ComposerDependencyVersionAuditPlugin\Utils\Version;
use PHPUnit\Framework\TestCase;

class VersionTest extends TestCase
{
    public function testIsNewer(): void
    {
        $this->assertTrue(Version::isNewer('1.1.0', '1.0.9'));
        $this->assertFalse(Version::isNewer('1.0.0', '1.0.0'));
    }

    public function testLeadingVIsIgnored(): void
    {
        $this->assertFalse(Version::isNewer('v1.0.0', '1.0.0'));
        $this->assertSame('2.4.7', Version::normalize('v2.4.7'));
    }
}
EOF
    commit_day 1 "Ignore a leading v when comparing versions"
    tag_day 1 v0.1.1 "v0.1.1"

    # ----------------------------------------------------------------- 0.1.2
    # Feature: allow ignoring packages
    cat > src/Plugin.php <<'EOF'
<?php
declare(strict_types=1);

namespace Magento\ComposerDependencyVersionAuditPlugin;

use Magento\ComposerDependencyVersionAuditPlugin\Utils\Version;

class Plugin
{
    /** @var string[] package names that are never reported */
    private $ignored;

    /**
     * @param string[] $ignored
     */
    public function __construct(array $ignored = [])
    {
        $this->ignored = $ignored;
    }

    /**
     * @param array<string, string> $installed package name => version
     * @param array<string, string> $available package name => highest version in the repository
     * @return string[] names of packages that have a newer version available
     */
    public function audit(array $installed, array $available): array
    {
        $outdated = [];
        foreach ($installed as $name => $version) {
            if (in_array($name, $this->ignored, true)) {
                continue;
            }
            if (isset($available[$name]) && Version::isNewer($available[$name], $version)) {
                $outdated[] = $name;
            }
        }
        return $outdated;
    }
}
EOF
    commit_day 2 "Allow ignoring packages in the audit"
    tag_day 2 0.1.2 "0.1.2"

    cd "$WORK"
    write_bundle "$repo" composer-plugin-sample
}

build_security_repo
build_plugin_repo
