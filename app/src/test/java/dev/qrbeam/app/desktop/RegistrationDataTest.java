package dev.qrbeam.app.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The "Send with QRBeam" registration data each installer ships, read as the OS would: the WiX fragment's
 * registry keys (Windows Explorer), the app bundle's Info.plist services entry (macOS Finder), the .desktop
 * action, the Nemo action and the Dolphin service menu (Linux), all starting the installed launcher with
 * every selected file.
 */
class RegistrationDataTest {
    private static final Path INSTALLER =
            Path.of("..", "installer").toAbsolutePath().normalize();
    private static final String LINUX_LAUNCHER = "/opt/qrbeam/bin/QRBeam";

    @Test
    void wixFragmentRegistersTheExplorerVerbForFilesAndFoldersForEveryUser() throws Exception {
        Document wix = xml(INSTALLER.resolve("windows/shell-integration.wxi"));
        Element group = only(wix, "ComponentGroup");
        assertThat(group.getAttribute("Id")).isEqualTo("QRBeamShellIntegration");
        Map<String, Element> keys = new LinkedHashMap<>();
        for (Element k : elements(wix, "RegistryKey")) {
            if (!k.getAttribute("Root").isEmpty()) {
                keys.put(k.getAttribute("Root") + "\\" + k.getAttribute("Key"), k);
            }
        }
        assertThat(keys)
                .containsOnlyKeys(
                        "HKLM\\Software\\Classes\\*\\shell\\QRBeam.Send",
                        "HKLM\\Software\\Classes\\Directory\\shell\\QRBeam.Send");
        for (Element verb : keys.values()) {
            Element component = (Element) verb.getParentNode();
            assertThat(component.getTagName()).isEqualTo("Component");
            assertThat(component.getAttribute("Guid"))
                    .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
            assertThat(component.getAttribute("Directory")).isEqualTo("INSTALLDIR");
            assertThat(verb.getAttribute("ForceDeleteOnUninstall"))
                    .as("removed on uninstall")
                    .isEqualTo("yes");
            Map<String, String> values = values(verb);
            assertThat(values)
                    .containsEntry("", "Send with QRBeam")
                    .containsEntry("MultiSelectModel", "Player")
                    .containsEntry("Icon", "\"[INSTALLDIR]QRBeam.exe\",0");
            Element command = childKey(verb, "command");
            assertThat(values(command)).containsEntry("", "\"[INSTALLDIR]QRBeam.exe\" \"%1\"");
            assertThat(elements(verb, "RegistryValue").stream().filter(v -> "yes".equals(v.getAttribute("KeyPath"))))
                    .hasSize(1);
        }
        assertThat(component(wix, "QRBeamSendFiles").getAttribute("Guid"))
                .isNotEqualTo(component(wix, "QRBeamSendFolders").getAttribute("Guid"));
        String build = Files.readString(INSTALLER.resolve("build-windows.ps1"));
        assertThat(build)
                .contains("<ComponentGroupRef Id=\"QRBeamShellIntegration\"/>")
                .contains("windows\\shell-integration.wxi")
                .contains("'overrides.wxi'")
                .contains("'--resource-dir', $Resources");
    }

    @Test
    void infoPlistDeclaresTheFinderServiceForFilesAndFolders() throws Exception {
        String text = Files.readString(INSTALLER.resolve("macos/Info.plist.in"), StandardCharsets.UTF_8)
                .replace("@VERSION@", "1.2.3")
                .replace("@BUNDLE_VERSION@", "2.2.3");
        Path plist = Files.writeString(Files.createTempFile("Info", ".plist"), text);
        try {
            Element dict = (Element) first(xml(plist).getDocumentElement(), "dict");
            Map<String, Node> top = plistDict(dict);
            assertThat(plistString(top.get("CFBundleIdentifier"))).isEqualTo("dev.qrbeam.app");
            List<Element> services = plistArray(top.get("NSServices"));
            assertThat(services).hasSize(1);
            Map<String, Node> service = plistDict(services.get(0));
            assertThat(plistString(
                            plistDict((Element) service.get("NSMenuItem")).get("default")))
                    .isEqualTo("Send with QRBeam");
            assertThat(plistString(service.get("NSMessage"))).isEqualTo(MacServices.MESSAGE);
            assertThat(plistString(service.get("NSPortName"))).isEqualTo(plistString(top.get("CFBundleName")));
            assertThat(plistArray(service.get("NSSendFileTypes")).stream().map(RegistrationDataTest::plistString))
                    .containsExactly("public.item", "public.folder");
            assertThat(service).containsKey("NSRequiredContext");
        } finally {
            Files.delete(plist);
        }
    }

    @Test
    void desktopEntryOffersTheSendActionWithEverySelectedFile() throws Exception {
        Map<String, Map<String, String>> entry = keyFile(INSTALLER.resolve("linux/qrbeam.desktop"));
        assertThat(entry.get("Desktop Entry"))
                .containsEntry("Exec", LINUX_LAUNCHER + " %F")
                .containsEntry("Actions", "send;");
        assertThat(entry.get("Desktop Action send"))
                .containsEntry("Name", "Send with QRBeam")
                .containsEntry("Exec", LINUX_LAUNCHER + " %F");
    }

    @Test
    void nemoActionAndDolphinServiceMenuRunTheLauncherWithEverySelectedFile() throws Exception {
        Map<String, String> nemo = keyFile(INSTALLER.resolve("linux/integration/qrbeam-send.nemo_action"))
                .get("Nemo Action");
        assertThat(nemo)
                .containsEntry("Name", "Send with QRBeam")
                .containsEntry("Exec", LINUX_LAUNCHER + " %F")
                .containsEntry("Selection", "notnone")
                .containsEntry("Extensions", "any;")
                .containsEntry("Active", "true");
        Map<String, Map<String, String>> kde = keyFile(INSTALLER.resolve("linux/integration/qrbeam-send-kde.desktop"));
        assertThat(kde.get("Desktop Entry"))
                .containsEntry("Type", "Service")
                .containsEntry("MimeType", "all/all;")
                .containsEntry("ServiceTypes", "KonqPopupMenu/Plugin")
                .containsEntry("Actions", "sendWithQRBeam;");
        assertThat(kde.get("Desktop Action sendWithQRBeam"))
                .containsEntry("Name", "Send with QRBeam")
                .containsEntry("Exec", LINUX_LAUNCHER + " %F");
        String postinst = Files.readString(INSTALLER.resolve("linux/postinst"));
        String prerm = Files.readString(INSTALLER.resolve("linux/prerm"));
        for (String installed : List.of(
                "/usr/share/nemo/actions/qrbeam-send.nemo_action",
                "/usr/share/kio/servicemenus/qrbeam-send.desktop",
                "/usr/share/kservices5/ServiceMenus/qrbeam-send.desktop")) {
            assertThat(postinst).as("postinst installs " + installed).contains(installed);
            assertThat(prerm).as("prerm removes " + installed).contains(installed);
        }
    }

    // --- readers

    /** A freedesktop key file (.desktop, .nemo_action): groups of key=value, comments skipped. */
    static Map<String, Map<String, String>> keyFile(Path file) throws IOException {
        Map<String, Map<String, String>> groups = new LinkedHashMap<>();
        Map<String, String> group = null;
        for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                group = new LinkedHashMap<>();
                assertThat(groups.put(line.substring(1, line.length() - 1), group))
                        .as("duplicate group " + line)
                        .isNull();
                continue;
            }
            int eq = line.indexOf('=');
            assertThat(group).as("key outside a group in " + file).isNotNull();
            assertThat(eq).as("not key=value: " + line).isPositive();
            assertThat(group.put(
                            line.substring(0, eq).strip(),
                            line.substring(eq + 1).strip()))
                    .as("duplicate key " + line)
                    .isNull();
        }
        return groups;
    }

    private static Document xml(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setNamespaceAware(false);
        return f.newDocumentBuilder().parse(file.toFile());
    }

    private static List<Element> elements(Document d, String tag) {
        return list(d.getElementsByTagName(tag));
    }

    private static List<Element> elements(Element e, String tag) {
        return list(e.getElementsByTagName(tag));
    }

    private static List<Element> list(NodeList nodes) {
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    private static Element only(Document d, String tag) {
        List<Element> all = elements(d, tag);
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private static Element component(Document d, String id) {
        return elements(d, "Component").stream()
                .filter(c -> id.equals(c.getAttribute("Id")))
                .findFirst()
                .orElseThrow();
    }

    /** The RegistryValues directly under a key: name ("" for the default value) to value. */
    private static Map<String, String> values(Element key) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Node n = key.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals("RegistryValue")) {
                assertThat(e.getAttribute("Type")).isEqualTo("string");
                out.put(e.getAttribute("Name"), e.getAttribute("Value"));
            }
        }
        return out;
    }

    private static Element childKey(Element key, String name) {
        for (Node n = key.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals("RegistryKey") && name.equals(e.getAttribute("Key"))) {
                return e;
            }
        }
        throw new AssertionError("no subkey " + name);
    }

    private static Node first(Element parent, String tag) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                return e;
            }
        }
        throw new AssertionError("no " + tag);
    }

    /** A plist dict: key to the element after it. */
    private static Map<String, Node> plistDict(Element dict) {
        Map<String, Node> out = new LinkedHashMap<>();
        String key = null;
        for (Node n = dict.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                if (e.getTagName().equals("key")) {
                    key = e.getTextContent();
                } else {
                    assertThat(key).as("value without key in plist").isNotNull();
                    assertThat(out.put(key, e)).as("duplicate plist key " + key).isNull();
                    key = null;
                }
            }
        }
        return out;
    }

    private static List<Element> plistArray(Node array) {
        assertThat(((Element) array).getTagName()).isEqualTo("array");
        List<Element> out = new ArrayList<>();
        for (Node n = array.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    private static String plistString(Node n) {
        assertThat(((Element) n).getTagName()).isEqualTo("string");
        return n.getTextContent();
    }
}
