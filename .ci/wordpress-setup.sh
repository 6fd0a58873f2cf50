#!/usr/bin/env bash
# Installs and starts a stock WordPress (Debian's package, MariaDB, Apache with mod_php) on
# 127.0.0.1:8081, so WordPressIT tests the website's WordPress adapter against the real thing.
# Writes the site's URL, user and application password to $WORDPRESS_TEST_PROPERTIES
# (/etc/partner-hub-test/wordpress.properties), outside the checkout so `mvn clean` keeps it.
# Idempotent: a second run only checks that everything is up and the password still works.
# Runs as root; both servers listen on loopback only.
set -euo pipefail

PORT="${WORDPRESS_PORT:-8081}"
URL="http://127.0.0.1:${PORT}"
OUT="${WORDPRESS_TEST_PROPERTIES:-/etc/partner-hub-test/wordpress.properties}"
STATE_DIR="$(dirname "$OUT")"
CONFIG_NAME="partner-hub-test"
CONFIG="/etc/wordpress/config-${CONFIG_NAME}.php"
DB=wordpress_hub_test
ADMIN=hub-admin

packages=(wordpress mariadb-server apache2 libapache2-mod-php php-mysql php-mbstring curl)
if [ "$(dpkg-query -W -f='${Status}\n' "${packages[@]}" 2> /dev/null | grep -c 'install ok installed')" -ne "${#packages[@]}" ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${packages[@]}" > /dev/null
fi

install -d -m 700 "$STATE_DIR"
if [ ! -s "$STATE_DIR/db-password" ]; then
    head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' > "$STATE_DIR/db-password"
    chmod 600 "$STATE_DIR/db-password"
fi
DB_PASSWORD="$(cat "$STATE_DIR/db-password")"

# MariaDB, loopback only; no systemd here, so the init script starts it.
cat > /etc/mysql/mariadb.conf.d/99-partner-hub-test.cnf << 'CNF'
[mysqld]
bind-address = 127.0.0.1
CNF
if ! mysqladmin --silent ping > /dev/null 2>&1; then
    /etc/init.d/mariadb start > /dev/null
fi
mysql --protocol=socket << SQL
CREATE DATABASE IF NOT EXISTS ${DB} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS '${DB}'@'localhost' IDENTIFIED BY '${DB_PASSWORD}';
ALTER USER '${DB}'@'localhost' IDENTIFIED BY '${DB_PASSWORD}';
GRANT ALL PRIVILEGES ON ${DB}.* TO '${DB}'@'localhost';
SQL

# Application passwords over plain HTTP need the "local" environment type.
cat > "$CONFIG" << PHP
<?php
define('DB_NAME', '${DB}');
define('DB_USER', '${DB}');
define('DB_PASSWORD', '${DB_PASSWORD}');
define('DB_HOST', 'localhost');
define('WP_CONTENT_DIR', '/var/lib/wordpress/wp-content');
define('WP_ENVIRONMENT_TYPE', 'local');
define('WP_HOME', '${URL}');
define('WP_SITEURL', '${URL}');
PHP
chgrp www-data "$CONFIG"
chmod 640 "$CONFIG"

# Apache on loopback only, the site on its own port, with the config chosen by name, not by host.
cat > /etc/apache2/ports.conf << CONF
Listen 127.0.0.1:${PORT}
CONF
cat > /etc/apache2/sites-available/partner-hub-test-wordpress.conf << CONF
<VirtualHost 127.0.0.1:${PORT}>
    ServerName 127.0.0.1
    DocumentRoot /usr/share/wordpress
    SetEnv WORDPRESS_CONFIG ${CONFIG_NAME}
    Alias /wp-content /var/lib/wordpress/wp-content
    <Directory /usr/share/wordpress>
        Options FollowSymLinks
        AllowOverride Limit Options FileInfo
        DirectoryIndex index.php
        Require all granted
    </Directory>
    <Directory /var/lib/wordpress/wp-content>
        Options FollowSymLinks
        Require all granted
    </Directory>
</VirtualHost>
CONF
echo "ServerName 127.0.0.1" > /etc/apache2/conf-available/partner-hub-test.conf
a2enconf -q partner-hub-test > /dev/null
a2dissite -q 000-default > /dev/null 2>&1 || true
a2ensite -q partner-hub-test-wordpress > /dev/null
a2enmod -q rewrite > /dev/null
if apache2ctl -t > /dev/null 2>&1 && [ -f /var/run/apache2/apache2.pid ] && kill -0 "$(cat /var/run/apache2/apache2.pid)" 2> /dev/null; then
    apache2ctl graceful
else
    apache2ctl start
fi

# Installs WordPress once, through its own installer function, and makes an application password
# when the one on file does not work (first run, or a reset database).
wp_php() {
    WORDPRESS_CONFIG="$CONFIG_NAME" HTTP_HOST="127.0.0.1:${PORT}" php -d display_errors=stderr -r "$1"
}
wp_php '
$_SERVER["WORDPRESS_CONFIG"] = getenv("WORDPRESS_CONFIG");
$_SERVER["HTTP_HOST"] = getenv("HTTP_HOST");
define("WP_INSTALLING", true);
require "/usr/share/wordpress/wp-load.php";
require_once ABSPATH . "wp-admin/includes/upgrade.php";
if (!is_blog_installed()) {
    // No mail server here: the welcome mail to the admin is not sent.
    add_filter("pre_wp_mail", "__return_false");
    wp_install("Partner Hub test site", "'"$ADMIN"'", "hub-admin@example.org", false, "", wp_generate_password(24));
}
'

for _ in $(seq 1 30); do
    curl -fsS -o /dev/null "${URL}/?rest_route=/" && break
    sleep 1
done

current_works() {
    [ -s "$OUT" ] || return 1
    local user password
    user="$(sed -n 's/^username=//p' "$OUT")"
    password="$(sed -n 's/^application-password=//p' "$OUT")"
    curl -fs -o /dev/null -u "${user}:${password}" "${URL}/?rest_route=/wp/v2/users/me"
}
if ! current_works; then
    PASSWORD="$(wp_php '
$_SERVER["WORDPRESS_CONFIG"] = getenv("WORDPRESS_CONFIG");
$_SERVER["HTTP_HOST"] = getenv("HTTP_HOST");
require "/usr/share/wordpress/wp-load.php";
$user = get_user_by("login", "'"$ADMIN"'");
WP_Application_Passwords::delete_all_application_passwords($user->ID);
[$password] = WP_Application_Passwords::create_new_application_password($user->ID, ["name" => "partner-hub-test"]);
echo $password;
')"
    umask 077
    printf 'url=%s\nusername=%s\napplication-password=%s\n' "$URL" "$ADMIN" "$PASSWORD" > "$OUT"
    current_works || { echo "WordPress does not accept the new application password" >&2; exit 1; }
fi
echo "WordPress is up at ${URL} (credentials in ${OUT})"
