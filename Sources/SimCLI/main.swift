import QuotaSim

print("quotasim: commands arrive with the CLI")
