package io.callbridge.dispatch.delivery.network;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A network: an address and the length of its prefix.
 *
 * @param network the address, its host bits ignored
 * @param prefix  the number of leading bits that name the network
 */
record Cidr(byte[] network, int prefix) {

    /** @throws IllegalArgumentException when the text is no IPv4 or IPv6 network such as {@code 10.0.0.0/8} */
    static Cidr parse(String text) {
        String[] parts = text.trim().split("/", 2);
        try {
            // Only literal addresses: getByName does no lookup for them.
            if (!parts[0].matches("[0-9.]+|[0-9a-fA-F:.]+")) {
                throw new IllegalArgumentException("'" + text + "' is no network such as 10.0.0.0/8");
            }
            byte[] address = InetAddress.getByName(parts[0]).getAddress();
            int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : address.length * 8;
            if (prefix < 0 || prefix > address.length * 8) {
                throw new IllegalArgumentException("'" + text + "' has a prefix longer than its address");
            }
            return new Cidr(address, prefix);
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is no network such as 10.0.0.0/8", e);
        }
    }

    boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (bytes[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (bytes[full] & mask) == (network[full] & mask);
    }
}
