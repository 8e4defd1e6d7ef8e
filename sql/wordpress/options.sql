-- The wp_options rows a fresh WordPress site needs so that WordPress and PressGate agree about it,
-- with the values that wp_install() of WordPress 6.1.9 writes (checked against a real install; the
-- installer writes about 100 more rows, which WordPress fills in on its own when it needs them).
-- Load after schema.sql. Scripts set these session variables first:
--   @siteurl, @home     the site URL without a trailing slash (COOKIEHASH, cookie paths, links)
--   @table_prefix       the table prefix, which also names the roles option (<prefix>user_roles)
-- and substitute the prefix in the backquoted `wp_options` name, as for schema.sql.

INSERT INTO `wp_options` (`option_name`, `option_value`, `autoload`) VALUES
-- Its presence is what is_blog_installed() checks: without it WordPress redirects to the installer.
('siteurl', @siteurl, 'yes'),
('home', @home, 'yes'),
('blogname', 'PressGate', 'yes'),
('blogdescription', '', 'yes'),
('admin_email', 'admin@example.test', 'yes'),
('users_can_register', '0', 'yes'),
-- The role wp_insert_user() gives a new member (reference §7.2).
('default_role', 'subscriber', 'yes'),
-- _wp_specialchars() reads it when WordPress filters display_name and the name meta.
('blog_charset', 'UTF-8', 'yes'),
-- The $wp_db_version of 6.1.9: without it wp-admin asks for a database upgrade.
('db_version', '53496', 'yes'),
('initial_db_version', '53496', 'yes'),
-- Dates in e-mails and pages; gmt_offset 0 and no timezone is UTC, as the installer leaves it.
('gmt_offset', '0', 'yes'),
('timezone_string', '', 'yes'),
('date_format', 'F j, Y', 'yes'),
('time_format', 'g:i a', 'yes'),
('start_of_week', '1', 'yes'),
('permalink_structure', '', 'yes'),
('active_plugins', 'a:0:{}', 'yes'),
-- The default theme of the installer (Debian ships none, so it is missing there too; that is harmless).
('template', 'twentytwentythree', 'yes'),
('stylesheet', 'twentytwentythree', 'yes'),
-- populate_roles() of 6.1.9, byte for byte: the five default roles and their capabilities.
(CONCAT(@table_prefix, 'user_roles'), 'a:5:{s:13:"administrator";a:2:{s:4:"name";s:13:"Administrator";s:12:"capabilities";a:61:{s:13:"switch_themes";b:1;s:11:"edit_themes";b:1;s:16:"activate_plugins";b:1;s:12:"edit_plugins";b:1;s:10:"edit_users";b:1;s:10:"edit_files";b:1;s:14:"manage_options";b:1;s:17:"moderate_comments";b:1;s:17:"manage_categories";b:1;s:12:"manage_links";b:1;s:12:"upload_files";b:1;s:6:"import";b:1;s:15:"unfiltered_html";b:1;s:10:"edit_posts";b:1;s:17:"edit_others_posts";b:1;s:20:"edit_published_posts";b:1;s:13:"publish_posts";b:1;s:10:"edit_pages";b:1;s:4:"read";b:1;s:8:"level_10";b:1;s:7:"level_9";b:1;s:7:"level_8";b:1;s:7:"level_7";b:1;s:7:"level_6";b:1;s:7:"level_5";b:1;s:7:"level_4";b:1;s:7:"level_3";b:1;s:7:"level_2";b:1;s:7:"level_1";b:1;s:7:"level_0";b:1;s:17:"edit_others_pages";b:1;s:20:"edit_published_pages";b:1;s:13:"publish_pages";b:1;s:12:"delete_pages";b:1;s:19:"delete_others_pages";b:1;s:22:"delete_published_pages";b:1;s:12:"delete_posts";b:1;s:19:"delete_others_posts";b:1;s:22:"delete_published_posts";b:1;s:20:"delete_private_posts";b:1;s:18:"edit_private_posts";b:1;s:18:"read_private_posts";b:1;s:20:"delete_private_pages";b:1;s:18:"edit_private_pages";b:1;s:18:"read_private_pages";b:1;s:12:"delete_users";b:1;s:12:"create_users";b:1;s:17:"unfiltered_upload";b:1;s:14:"edit_dashboard";b:1;s:14:"update_plugins";b:1;s:14:"delete_plugins";b:1;s:15:"install_plugins";b:1;s:13:"update_themes";b:1;s:14:"install_themes";b:1;s:11:"update_core";b:1;s:10:"list_users";b:1;s:12:"remove_users";b:1;s:13:"promote_users";b:1;s:18:"edit_theme_options";b:1;s:13:"delete_themes";b:1;s:6:"export";b:1;}}s:6:"editor";a:2:{s:4:"name";s:6:"Editor";s:12:"capabilities";a:34:{s:17:"moderate_comments";b:1;s:17:"manage_categories";b:1;s:12:"manage_links";b:1;s:12:"upload_files";b:1;s:15:"unfiltered_html";b:1;s:10:"edit_posts";b:1;s:17:"edit_others_posts";b:1;s:20:"edit_published_posts";b:1;s:13:"publish_posts";b:1;s:10:"edit_pages";b:1;s:4:"read";b:1;s:7:"level_7";b:1;s:7:"level_6";b:1;s:7:"level_5";b:1;s:7:"level_4";b:1;s:7:"level_3";b:1;s:7:"level_2";b:1;s:7:"level_1";b:1;s:7:"level_0";b:1;s:17:"edit_others_pages";b:1;s:20:"edit_published_pages";b:1;s:13:"publish_pages";b:1;s:12:"delete_pages";b:1;s:19:"delete_others_pages";b:1;s:22:"delete_published_pages";b:1;s:12:"delete_posts";b:1;s:19:"delete_others_posts";b:1;s:22:"delete_published_posts";b:1;s:20:"delete_private_posts";b:1;s:18:"edit_private_posts";b:1;s:18:"read_private_posts";b:1;s:20:"delete_private_pages";b:1;s:18:"edit_private_pages";b:1;s:18:"read_private_pages";b:1;}}s:6:"author";a:2:{s:4:"name";s:6:"Author";s:12:"capabilities";a:10:{s:12:"upload_files";b:1;s:10:"edit_posts";b:1;s:20:"edit_published_posts";b:1;s:13:"publish_posts";b:1;s:4:"read";b:1;s:7:"level_2";b:1;s:7:"level_1";b:1;s:7:"level_0";b:1;s:12:"delete_posts";b:1;s:22:"delete_published_posts";b:1;}}s:11:"contributor";a:2:{s:4:"name";s:11:"Contributor";s:12:"capabilities";a:5:{s:10:"edit_posts";b:1;s:4:"read";b:1;s:7:"level_1";b:1;s:7:"level_0";b:1;s:12:"delete_posts";b:1;}}s:10:"subscriber";a:2:{s:4:"name";s:10:"Subscriber";s:12:"capabilities";a:2:{s:4:"read";b:1;s:7:"level_0";b:1;}}}', 'yes');
