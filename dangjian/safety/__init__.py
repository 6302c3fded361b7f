"""What may be published: classification markings, the HTML policy, the output firewall."""
